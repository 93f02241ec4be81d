/** File-name part for a memo recipient: its `slug`, or its name folded to ASCII kebab-case. */
export function recipientSlug(recipient: { name: string; slug?: string }): string | undefined {
  if (recipient.slug) return recipient.slug;
  const slug = recipient.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A name in another script folds to nothing useful: the spec must give a slug.
  return /[a-z]/.test(slug) && slug.length >= recipient.name.length / 3 ? slug.slice(0, 60).replace(/-+$/, '') : undefined;
}
