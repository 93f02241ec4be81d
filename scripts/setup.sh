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
[ -f /usr/share/citation-style-language/styles/apa.csl ] || missing+=(citation-style-language-styles)
[ -f /usr/share/citation-style-language/locales/locales-en-US.xml ] || missing+=(citation-style-language-locales)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
# xmllint validates the CSL locales Briefwright ships against the CSL schema (tests).
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# The DOCX test opens the documents with python-docx, a real consumer of the format.
[ -f /usr/lib/python3/dist-packages/docx/__init__.py ] || missing+=(python3-docx)

# As root, or with password-less sudo (hosted CI runners), packages are installed with apt-get.
as_root=""
can_install=false
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo"; fi
if { [ "$(id -u)" -eq 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then can_install=true; fi

# A browser: any that Briefwright's finder accepts (bin/chromium-candidates.js, the one list: the
# BRIEFWRIGHT_CHROMIUM, PUPPETEER_EXECUTABLE_PATH and CHROME_PATH variables, Debian's paths, Chrome or
# Chromium on PATH, puppeteer's cache; never a snap). Only when there is none is one installed:
# Debian's headless shell, or Debian's chromium, and never Ubuntu's chromium package, which only
# installs the snap. Next to Debian's full browser the headless shell is added where it can be: it
# prints several times faster.
browser=""
browser=$(node bin/chromium-candidates.js 2>/dev/null) || browser=""
want_shell=false
if [ -z "$browser" ]; then
  want_shell=true
elif [ "$browser" = /usr/lib/chromium/chromium ]; then
  if $can_install; then want_shell=true; else say "using $browser; \`sudo apt-get install chromium-headless-shell\` prints faster"; fi
else
  say "using the browser at $browser"
fi

# Ubuntu's chromium is a transitional package whose only content installs the snap.
snap_transitional() { apt-cache show "$1" 2>/dev/null | grep -qE '^(Version: .*snap|(Pre-)?Depends: .*\bsnapd\b)'; }
no_browser() {
  echo "setup: no Chromium or Chrome found, and $1" >&2
  echo "setup: install Google Chrome or Debian's chromium-headless-shell, or set BRIEFWRIGHT_CHROMIUM to a Chromium binary" >&2
  node bin/chromium-candidates.js >/dev/null || true
  exit 3
}

if [ ${#missing[@]} -gt 0 ] || $want_shell; then
  if $can_install; then
    cache=()
    # CI keeps downloaded .debs between runs in APT_CACHE_DIR.
    if [ -n "${APT_CACHE_DIR:-}" ]; then
      mkdir -p "${APT_CACHE_DIR/#\~/$HOME}"
      cache=(-o "Dir::Cache::archives=${APT_CACHE_DIR/#\~/$HOME}")
    fi
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    if $want_shell; then
      if apt-cache show chromium-headless-shell >/dev/null 2>&1; then
        missing+=(chromium-headless-shell)
      elif [ -z "$browser" ]; then
        if snap_transitional chromium; then no_browser "this system's chromium package only installs the snap, which cannot be used"; fi
        apt-cache show chromium >/dev/null 2>&1 || no_browser "apt has no chromium package"
        missing+=(chromium)
      fi
    fi
    if [ ${#missing[@]} -gt 0 ]; then
      echo "setup: installing ${missing[*]} with apt-get"
      $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${cache[@]}" "${missing[@]}" >/dev/null
    fi
  else
    [ -z "$browser" ] && missing+=(chromium-headless-shell)
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
if [ ! -f dist/main.cjs ] || [ -n "$(find src package.json package-lock.json scripts/bundle.mjs bin/chromium-candidates.js -newer dist/main.cjs -print -quit)" ]; then
  say "bundling the CLI into dist/"
  node scripts/bundle.mjs
fi

# The library for programs (lib/: `import { build } from 'briefwright'` from plain Node.js), rebuilt
# when a source, the lock file or its build script is newer.
if [ ! -f lib/index.js ] || [ -n "$(find src package.json package-lock.json scripts/build-lib.mjs tsconfig.json tsconfig.lib.json -newer lib/index.js -print -quit)" ]; then
  say "building the library into lib/"
  node scripts/build-lib.mjs
fi

# All done for this lock file and this script: bin/brief.js skips the setup until either changes
# (bin/setup-state.js).
cat package-lock.json scripts/setup.sh | sha256sum | cut -d' ' -f1 > node_modules/.briefwright-setup.sha256
