-- The second line behind the resource policy for Word files (publish-documents.ts). Pandoc's docx
-- writer embeds every image the HTML names: a file it can read, or a URL it can fetch. pandoc 2.17's
-- --sandbox would forbid that, but the Debian build cannot write docx in a sandbox (its data files
-- are not embedded: jgm/pandoc#8128), so this filter, run before the writer, keeps only images
-- embedded as data: URLs and turns any other into its alt text.

local embedded = '^data:image/[%w.+-]+[;,]'

function Image(image)
  if image.src:match(embedded) then return image end
  return pandoc.Span(image.caption)
end
