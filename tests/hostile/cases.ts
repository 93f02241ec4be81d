/** Bad inputs: each replaces or adds files in a copy of the fixture project. */
export interface BadInput {
  name: string;
  files: Record<string, string | Uint8Array>;
  /**
   * Links to create: path → target (relative to the project). `@SECRET@` stands for the absolute path
   * of a file outside the project whose contents must never appear in any output or diagnostic.
   */
  links?: Record<string, string>;
  /** Files that are not regular files: path → what to make there. */
  special?: Record<string, 'fifo' | 'folder'>;
  limits?: Record<string, number>;
  /** Output formats, each built on its own (default: html); the expected error is the same for each. */
  formats?: readonly ('pdf' | 'html' | 'docx')[];
}

/** The contents of the file outside the project that hostile inputs try to read. */
export const secret = 'BRIEFWRIGHT-OUTSIDE-SECRET-7f3a';
const everyFormat = ['pdf', 'html', 'docx'] as const;

const brief = (extra: string, head = 'kind: brief\ntitle: Bad\ndate: 2025-01-01\ncountries: [UZ]\n') => ({ 'briefs/bad.yaml': head + extra });
const finding = (fields: Record<string, string>) => {
  const base: Record<string, string> = {
    id: 'uz-strategy-plain-2020',
    country: 'UZ',
    topic: 'strategy',
    claim: 'A plain statement.',
    source: 'bjola2015digital',
    locator: 'p. 1',
    evidence: '"x"',
    ...fields,
  };
  const lines = Object.entries(base).filter(([, v]) => v !== '').map(([k, v]) => `    ${k}: ${v}`);
  return { 'findings/zz.yaml': `findings:\n  - ${lines.join('\n').trimStart()}\n` };
};
const memo = (recipients: string) =>
  brief(`from: Team\nrecipients:\n${recipients}`, 'kind: memo\ntitle: Memo\ndate: 2025-01-01\ncountries: [UZ]\n');

export const badInputs: BadInput[] = [
  { name: 'YAML syntax error', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: "unclosed\ndate: 2025-01-01\n' } },
  { name: 'duplicate YAML key', files: brief('title: Again\n') },
  { name: 'empty file', files: { 'briefs/bad.yaml': '' } },
  { name: 'only a comment', files: { 'briefs/bad.yaml': '# nothing here\n' } },
  { name: 'invalid UTF-8', files: { 'briefs/bad.yaml': Buffer.from('kind: brief\ntitle: caf\xe9\n', 'latin1') } },
  { name: 'not a mapping', files: { 'briefs/bad.yaml': '- kind: brief\n' } },
  { name: 'unknown field', files: brief('sumary: x\n') },
  { name: 'missing title', files: { 'briefs/bad.yaml': 'kind: brief\ndate: 2025-01-01\ncountries: [UZ]\n' } },
  { name: 'wrong type', files: brief('subtitle: [a, b]\n') },
  { name: 'unknown kind', files: { 'briefs/bad.yaml': 'kind: report\ntitle: T\ndate: 2025-01-01\ncountries: [UZ]\n' } },
  { name: 'impossible date', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 2025-02-30\ncountries: [UZ]\n' } },
  { name: 'month 13', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 2025-13-01\ncountries: [UZ]\n' } },
  { name: '31 April', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 2025-04-31\ncountries: [UZ]\n' } },
  { name: 'impossible deadline', files: memo('  - name: MFA\nrecommendations:\n  - to: MFA\n    deadline: 2026-04-31\n    action: Act.\n') },
  { name: 'date in another format', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 01/02/2025\ncountries: [UZ]\n' } },
  { name: 'unknown country', files: { 'briefs/bad.yaml': 'kind: brief\ntitle: T\ndate: 2025-01-01\ncountries: [FR]\n' } },
  { name: 'unknown language', files: brief('lang: fr\n') },
  { name: 'unknown paper size', files: brief('paper: a5\n') },
  { name: 'unknown finding', files: brief('key_findings: [uz-nothing-2020]\n') },
  { name: 'unknown citation key', files: brief('summary: Growth [@nosuchkey2020, p. 3].\n') },
  { name: 'unknown nocite key', files: brief('nocite: [nosuchkey2020]\n') },
  { name: 'unknown figure reference', files: brief('summary: Reached [@fact:uz-nothing-2020].\n') },
  { name: 'figure from a finding without metric', files: { ...finding({}), ...brief('summary: See [@fact:uz-strategy-plain-2020].\n') } },
  { name: 'figure reference mixed with a citation', files: brief('summary: See [@fact:uz-connectivity-internet-penetration-2023; @bjola2015digital].\n') },
  { name: 'unknown citation style', files: brief('style: chicago-author-dat\n') },
  { name: 'style file outside the styles', files: brief('style: missing/style.csl\n') },
  { name: 'script element', files: brief('summary: Hello <script>alert(1)</script>\n') },
  { name: 'event handler attribute', files: brief('summary: \'<span onmouseover="x()">hi</span>\'\n') },
  { name: 'event handler in Markdown attributes', files: brief('summary: "[hi]{onclick=alert(1)}"\n') },
  { name: 'style path escaping the project', files: brief('style: ../../etc/evil.csl\n') },
  { name: 'iframe', files: brief('summary: |\n  <iframe src="https://example.org"></iframe>\n') },
  { name: 'object element', files: brief('summary: |\n  <object data="x.swf"></object>\n') },
  { name: 'javascript: link', files: brief('summary: "[click](javascript:alert(1))"\n') },
  { name: 'file: image', files: brief('summary: "![passwd](file:///etc/passwd)"\n') },
  { name: 'remote image', files: brief('summary: "![logo](https://example.org/x.png)"\n') },
  { name: 'logo escaping the project', files: brief('logo: { path: ../outside.png, alt: Logo }\n') },
  { name: 'logo by absolute path', files: brief('logo: { path: /etc/passwd, alt: Logo }\n') },
  { name: 'logo through a link leaving the project', files: brief('logo: { path: assets/logo.png, alt: Logo }\n'), links: { 'assets/logo.png': '/etc/hostname' } },
  { name: 'logo that does not exist', files: brief('logo: { path: assets/none.png, alt: Logo }\n') },
  { name: 'Markdown nested past the limit', files: brief(`summary: "${'> '.repeat(12)}deep"\n`), limits: { markdownDepth: 8 } },
  { name: 'Markdown field over the limit', files: brief(`summary: ${'word '.repeat(40)}\n`), limits: { markdownChars: 100 } },
  { name: 'file over the size limit', files: brief(`summary: ${'word '.repeat(400)}\n`), limits: { fileBytes: 1000 } },
  { name: 'too many findings in one document', files: brief('key_findings: [uz-connectivity-internet-penetration-2023, uz-social-media-president-instagram-followers-2024]\n'), limits: { findingsPerDocument: 1 } },
  { name: 'memo without recipients', files: brief('from: Team\n', 'kind: memo\ntitle: Memo\ndate: 2025-01-01\ncountries: [UZ]\n') },
  { name: 'memo recipient name without a Latin file name', files: memo('  - name: Министерство иностранных дел\n') },
  { name: 'two memo recipients with one file name', files: memo('  - name: Ministry A\n    slug: same\n  - name: Ministry B\n    slug: same\n') },
  { name: 'comparison of an unknown metric', files: brief('comparison:\n  rows:\n    - metric: internet-use\n      label: Internet\n') },
  { name: 'chart of an unknown metric', files: brief('sections:\n  - heading: S\n    body: Text.\n    charts:\n      - type: bar\n        metric: internet-use\n        title: Internet\n') },
  { name: 'finding with an unknown topic', files: finding({ topic: 'economy' }) },
  { name: 'finding with an unknown country', files: finding({ country: 'FR' }) },
  { name: 'finding id outside the pattern', files: finding({ id: 'UZ_plain' }) },
  { name: 'finding id used twice', files: finding({ id: 'uz-connectivity-internet-penetration-2023' }) },
  { name: 'figure written as text', files: finding({ metric: '{ name: x, value: "3 million", unit: people, as_of: "2023" }' }) },
  { name: 'huge number', files: finding({ metric: '{ name: x, value: 1e20, unit: people, as_of: "2023" }' }) },
  { name: 'impossible as-of date', files: finding({ metric: '{ name: x, value: 3, unit: people, as_of: "2023-13" }' }) },
  { name: '29 February in a common year', files: finding({ date: '2023-02-29' }) },
  { name: 'evidence longer than 20 words', files: finding({ evidence: `"${'word '.repeat(21).trim()}"` }) },
  { name: 'finding from an unknown source', files: finding({ source: 'nosuchkey2020' }) },
  { name: 'conflict with an unknown finding', files: finding({ conflicts_with: '[uz-nothing-2020]' }) },
  // Issue 15, class 1: one resource policy for every output format.
  { name: 'protocol-relative image', files: brief('summary: "![x](//example.org/x.png)"\n'), formats: everyFormat },
  { name: 'image by absolute path', files: brief('summary: "![x](@SECRET@)"\n'), formats: everyFormat },
  { name: 'image climbing out of the project', files: brief('summary: "![x](../briefwright-hostile-secret)"\n'), formats: everyFormat },
  { name: 'image file of the project', files: { ...brief('summary: "![x](assets/a.png)"\n'), 'assets/a.png': 'not a png' }, formats: everyFormat },
  { name: 'image with a srcset', files: brief('summary: "![x](data:image/png;base64,iVBORw0KGgo=){srcset=\\"//example.org/a.png 2x\\"}"\n'), formats: everyFormat },
  { name: 'image by a backslashed path', files: brief('summary: "![x](\\\\\\\\example.org\\\\x.png)"\n'), formats: everyFormat },
  { name: 'template loading a remote image', files: { ...brief('summary: Hello.\n'), 'templates/partials/summary.hbs': '<img src="//example.org/track.png" alt="">\n' }, formats: everyFormat },
  { name: 'template loading a file by absolute path', files: { ...brief('summary: Hello.\n'), 'templates/partials/summary.hbs': '<img src="file://@SECRET@" alt="">\n' }, formats: everyFormat },
  // Class 3: files that are not plain files inside the project.
  { name: 'spec through a link leaving the project', files: {}, links: { 'briefs/evil.yaml': '@SECRET@' }, formats: everyFormat },
  { name: 'findings file through a link leaving the project', files: {}, links: { 'findings/evil.yaml': '@SECRET@' }, formats: everyFormat },
  { name: 'references through a link leaving the project', files: {}, links: { 'references.bib': '@SECRET@' }, formats: everyFormat },
  { name: 'template through a link leaving the project', files: {}, links: { 'templates/brief.hbs': '@SECRET@' }, formats: everyFormat },
  { name: 'partial through a link leaving the project', files: {}, links: { 'templates/partials/cover.hbs': '@SECRET@' }, formats: everyFormat },
  { name: 'references through a link to a device', files: {}, links: { 'references.bib': '/dev/zero' }, formats: everyFormat },
  { name: 'spec that is a named pipe', files: {}, special: { 'briefs/pipe.yaml': 'fifo' }, formats: everyFormat },
  { name: 'spec that is a folder', files: {}, special: { 'briefs/folder.yaml': 'folder' }, formats: everyFormat },
  { name: 'findings file that is a folder', files: {}, special: { 'findings/folder.yaml': 'folder' }, formats: everyFormat },
  { name: 'stylesheet that is a named pipe', files: {}, special: { 'templates/brief.css': 'fifo' }, formats: everyFormat },
  { name: 'partial that is a named pipe', files: {}, special: { 'templates/partials/cover.hbs': 'fifo' }, formats: everyFormat },
  { name: 'logo that is a named pipe', files: brief('logo: { path: assets/logo.png, alt: Logo }\n'), special: { 'assets/logo.png': 'fifo' }, formats: everyFormat },
  { name: 'style file that is a folder', files: brief('style: styles/folder.csl\n'), special: { 'styles/folder.csl': 'folder' }, formats: everyFormat },
  { name: 'style file that is a named pipe', files: brief('style: styles/pipe.csl\n'), special: { 'styles/pipe.csl': 'fifo' }, formats: everyFormat },
  { name: 'template over the size limit', files: { 'templates/partials/cover.hbs': `<p>${'x'.repeat(20_000)}</p>\n` }, limits: { templateBytes: 16_000 }, formats: everyFormat },
  { name: 'style file over the size limit', files: { ...brief('style: styles/big.csl\n'), 'styles/big.csl': `<style>${' '.repeat(3000)}</style>` }, limits: { cslStyleBytes: 2000 }, formats: everyFormat },
  // Class 4: values that reach markup, paths or terminals.
  { name: 'document id climbing out of out/', files: { 'briefs/...yaml': 'kind: brief\ntitle: Up\ndate: 2025-01-01\ncountries: [UZ]\n' }, formats: everyFormat },
  { name: 'document id with capitals', files: { 'briefs/Bad.yaml': 'kind: brief\ntitle: Caps\ndate: 2025-01-01\ncountries: [UZ]\n' }, formats: everyFormat },
  { name: 'style name with path separators', files: brief('style: ../../../../../../tmp/evil\n'), formats: everyFormat },
  { name: 'escape sequence in a title', files: brief('', 'kind: brief\ntitle: "Bad\\e[2J\\e[31mred"\ndate: 2025-01-01\ncountries: [UZ]\n'), formats: everyFormat },
  { name: 'carriage return in a marking', files: brief('marking: "Secret\\rPublic"\n'), formats: everyFormat },
  { name: 'raw control character in a summary', files: brief('summary: Hello \u001b]8;;https://example.org\u0007link\n'), formats: everyFormat },
  { name: 'direction override in a finding claim', files: finding({ claim: 'Plain \u202eevil' }), formats: everyFormat },
  { name: 'control character in references.bib', files: { 'references.bib': '@misc{a2020b,\n  title = {Bell\u0007},\n  date = {2020}\n}\n' }, formats: everyFormat },
  { name: 'DOI breaking out of its link', files: { 'references.bib': '@article{evil2020x,\n  author = {Evil, E.},\n  title = {T},\n  journaltitle = {J},\n  date = {2020},\n  doi = {10.1234/x"onmouseover="alert(1)}\n}\n', ...brief('summary: See [@evil2020x].\n') }, formats: everyFormat },
  { name: 'URL breaking out of its link', files: { 'references.bib': '@online{evil2020x,\n  author = {Evil, E.},\n  title = {T},\n  date = {2020},\n  url = {https://e.org/a" onmouseover="alert(1)}\n}\n', ...brief('summary: See [@evil2020x].\n') }, formats: everyFormat },
  { name: 'URL with a script scheme in references.bib', files: { 'references.bib': '@online{evil2020x,\n  author = {Evil, E.},\n  title = {T},\n  date = {2020},\n  url = {javascript:alert(1)}\n}\n', ...brief('summary: See [@evil2020x].\n') }, formats: everyFormat },
  // Class 5: resource bombs.
  { name: 'YAML with too many aliases', files: brief(`keywords: [&k kw, ${Array.from({ length: 101 }, () => '*k').join(', ')}]\n`), formats: everyFormat },
  {
    name: 'YAML alias bomb',
    files: brief(`audience: x\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array.from({ length: 9 }, () => `*a${i}`).join(', ')}]`).join('\n')}\n`),
    formats: everyFormat,
  },
  { name: 'YAML nested too deep', files: brief(`keywords: ${'['.repeat(40)}x${']'.repeat(40)}\n`), formats: everyFormat },
  {
    name: 'BibTeX @string macros expanding exponentially',
    files: { 'references.bib': `@string{m0 = "xxxxxxxxxx"}\n${Array.from({ length: 30 }, (_, i) => `@string{m${i + 1} = m${i} # m${i}}`).join('\n')}\n@misc{a2020b, title = m30, date = {2020}}\n` },
    formats: everyFormat,
  },
  { name: 'CSL style nested too deep', files: { ...brief('style: styles/deep.csl\n'), 'styles/deep.csl': `<style>${'<macro name="m">'.repeat(5000)}` }, formats: everyFormat },
  { name: 'BibTeX syntax error', files: { 'references.bib': '@book{a2020b,\n  title = {Unclosed,\n}\n@book{c2020d, title={x}}\n' } },
  // Notes: a field naming an element like a note or its mark would take the links of the real one.
  {
    name: "a note mark's id in Markdown",
    files: brief('style: chicago-note-bibliography\nsummary: "Cited [@bjola2015digital]. [A fake mark](#note-1){#note-ref-1 .note-ref}"\n'),
    formats: everyFormat,
  },
  { name: "a heading whose id is a note's", files: brief('style: chicago-note-bibliography\nsections:\n  - heading: Notes\n    body: |\n      ## Note 1\n\n      Cited [@bjola2015digital].\n') },
];
