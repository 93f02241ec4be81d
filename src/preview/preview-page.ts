import { escapeHtml } from '../util/html.js';

/**
 * The preview page: the HTML edition and the PDF side by side, and the problems of the last build
 * above them. It listens for the server's events and reloads each pane when its file is rewritten;
 * a failed build leaves the last good output in place under the list of problems.
 */
export function previewPage(documentId: string): string {
  const id = escapeHtml(documentId);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${id} — Briefwright preview</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; height: 100vh; }
  header { padding: 6px 12px; background: #1f2937; color: #f9fafb; display: flex; gap: 16px; align-items: baseline; }
  header select { font: inherit; }
  #status.failed { color: #fca5a5; }
  #problems { margin: 0; padding: 8px 12px; background: #fef2f2; color: #7f1d1d; white-space: pre-wrap; max-height: 35vh; overflow: auto; border-bottom: 1px solid #fecaca; }
  #problems:empty { display: none; }
  main { flex: 1; display: flex; min-height: 0; }
  iframe { flex: 1; border: 0; border-right: 1px solid #d1d5db; }
</style>
</head>
<body>
<header><strong>${id}</strong><span id="status">building…</span><select id="edition" hidden></select></header>
<pre id="problems" role="alert"></pre>
<main><iframe id="html" title="HTML edition"></iframe><iframe id="pdf" title="PDF"></iframe></main>
<script>
(() => {
  const panes = { html: document.getElementById('html'), pdf: document.getElementById('pdf') };
  const status = document.getElementById('status');
  const problems = document.getElementById('problems');
  const choice = document.getElementById('edition');
  const shown = { html: '', pdf: '' };
  let editions = [];
  const show = (format, path, version) => {
    const url = path + '?v=' + version;
    if (shown[format] === url) return;
    shown[format] = url;
    panes[format].src = url;
  };
  const current = () => editions.find((e) => e.name === choice.value) || editions[0];
  choice.addEventListener('change', () => { const e = current(); if (e) for (const f of ['html', 'pdf']) if (e[f]) show(f, e[f], e.version); });
  const events = new EventSource('/_preview/events');
  events.addEventListener('output', (message) => {
    const output = JSON.parse(message.data);
    const edition = current();
    if (!edition || edition.name === output.name) show(output.format, output.path, output.version);
  });
  events.addEventListener('build', (message) => {
    const build = JSON.parse(message.data);
    status.textContent = build.status;
    status.className = build.ok ? '' : 'failed';
    problems.textContent = build.problems;
    if (build.editions.length === 0) return;
    editions = build.editions;
    const selected = choice.value;
    choice.replaceChildren(...editions.map((e) => new Option(e.name, e.name, false, e.name === selected)));
    choice.hidden = editions.length < 2;
    const edition = current();
    for (const f of ['html', 'pdf']) if (edition[f]) show(f, edition[f], edition.version);
  });
})();
</script>
</body>
</html>
`;
}
