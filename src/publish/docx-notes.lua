-- A note style's notes as Word footnotes (publish-documents.ts). The HTML edition lists the notes
-- after the text (templates/partials/references.hbs: <section class="notes" role="doc-endnotes">,
-- each <li id="note-N"> with a back-link) and marks each in the text with
-- <a class="note-ref" href="#note-N">; pandoc 2.17 reads these as plain links and a list. Here each
-- mark becomes a footnote holding its note's text, which Word numbers (in the same reading order) and
-- prints at the foot of the page; the back-links go, and the list goes once every note has its mark.

local notes = {}

local function is_note_list(div)
  return div.classes:includes('notes') and div.attributes['role'] == 'doc-endnotes'
end

-- A note's text: its inlines without the back-link and the space before it.
local function note_text(inlines)
  local text = pandoc.List()
  for _, inline in ipairs(inlines) do
    if not (inline.t == 'Link' and inline.attributes['role'] == 'doc-backlink') then text:insert(inline) end
  end
  while #text > 0 and (text[#text].t == 'Space' or text[#text].t == 'SoftBreak') do text:remove() end
  return text
end

local function without_back_links(blocks)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Inlines = function(inlines) return note_text(inlines) end,
  }).content
end

-- A note of one paragraph is read as a Span holding its text, a longer one as a Div of paragraphs.
local function collect(div)
  if not is_note_list(div) then return nil end
  pandoc.walk_block(div, {
    Span = function(span)
      local number = span.identifier:match('^note%-(%d+)$')
      if number then notes[number] = { pandoc.Para(note_text(span.content)) } end
    end,
    Div = function(inner)
      local number = inner.identifier:match('^note%-(%d+)$')
      if number then notes[number] = without_back_links(inner.content) end
    end,
  })
end

local placed = {}

-- Only the templates' marks: Markdown can give a link the class, never the role.
local function place(link)
  if not (link.classes:includes('note-ref') and link.attributes['role'] == 'doc-noteref') then return nil end
  local number = link.target:match('^#note%-(%d+)$')
  local blocks = number and notes[number]
  if not blocks then return nil end
  placed[number] = true
  return pandoc.Note(blocks)
end

-- The list keeps only notes whose mark this edition does not have (none, normally): without them it goes.
local function prune(div)
  if not is_note_list(div) then return nil end
  local left = false
  local pruned = pandoc.walk_block(div, {
    OrderedList = function(list)
      local items = pandoc.List()
      for _, item in ipairs(list.content) do
        local number
        local function named(element)
          number = number or element.identifier:match('^note%-(%d+)$')
        end
        for _, block in ipairs(item) do
          if block.t == 'Div' then named(block) end
          pandoc.walk_block(block, { Span = named, Div = named })
        end
        if not (number and placed[number]) then
          items:insert(item)
          left = true
        end
      end
      list.content = items
      return list
    end,
  })
  if left then return pruned end
  return {}
end

return {
  { Div = collect },
  { Link = place },
  { Div = prune },
}
