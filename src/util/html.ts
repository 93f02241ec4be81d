/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The document with `addition` at the end of its head (at its start when it has no `</head>`). */
export function appendToHead(html: string, addition: string): string {
  const at = html.search(/<\/head>/i);
  return at < 0 ? addition + html : html.slice(0, at) + addition + html.slice(at);
}
