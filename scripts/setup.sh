#!/usr/bin/env bash
# Installs what Briefwright needs, and nothing when it is all there already:
# Debian packages (with apt, when run as root) and the npm dependencies (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || echo "setup: $*"; }

missing=()
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
# Debian's headless shell prints several times faster than the full browser; chromium still works
# (BRIEFWRIGHT_CHROMIUM, or found at its usual path) where the shell cannot be installed.
browser=chromium-headless-shell
if [ -z "${BRIEFWRIGHT_CHROMIUM:-}" ] && [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
  if [ -x /usr/lib/chromium/chromium ] && ! { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; then
    say "using /usr/lib/chromium/chromium; \`sudo apt-get install chromium-headless-shell\` prints faster"
  else
    missing+=("$browser")
  fi
fi
[ -f /usr/share/citation-style-language/styles/apa.csl ] || missing+=(citation-style-language-styles)
[ -f /usr/share/citation-style-language/locales/locales-en-US.xml ] || missing+=(citation-style-language-locales)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
# xmllint validates the CSL locales Briefwright ships against the CSL schema (tests).
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)

if [ ${#missing[@]} -gt 0 ]; then
  # As root, or with password-less sudo (hosted CI runners), install with apt-get.
  as_root=""
  [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && as_root="sudo"; }
  if { [ "$(id -u)" -eq 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
    cache=()
    # CI keeps downloaded .debs between runs in APT_CACHE_DIR.
    if [ -n "${APT_CACHE_DIR:-}" ]; then
      mkdir -p "${APT_CACHE_DIR/#\~/$HOME}"
      cache=(-o "Dir::Cache::archives=${APT_CACHE_DIR/#\~/$HOME}")
    fi
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # Distributions without the headless shell package (Ubuntu) get the full browser.
    if [[ " ${missing[*]} " == *" $browser "* ]] && ! apt-cache show "$browser" >/dev/null 2>&1; then
      missing=("${missing[@]/$browser/chromium}")
    fi
    echo "setup: installing ${missing[*]} with apt-get"
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${cache[@]}" "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 3
  fi
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.briefwright-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
else
  say "dependencies are up to date"
fi

# The bundled CLI (dist/), rebuilt when a source, the lock file or the bundle script is newer
# (bin/bundle-state.js checks the same).
if [ ! -f dist/main.cjs ] || [ -n "$(find src package.json package-lock.json scripts/bundle.mjs -newer dist/main.cjs -print -quit)" ]; then
  say "bundling the CLI into dist/"
  node scripts/bundle.mjs
fi

# All done for this lock file and this script: bin/brief.js skips the setup until either changes
# (bin/setup-state.js).
cat package-lock.json scripts/setup.sh | sha256sum | cut -d' ' -f1 > node_modules/.briefwright-setup.sha256
