-- Briefwright's pandoc filter (convert-fragments.ts): one pandoc run per build gives both the syntax
-- tree of every fragment (the JSON output, for the checks and the citations) and its HTML (in the
-- metadata field `briefwright-html`), instead of a second run to write the HTML.
--
-- Each citation cluster is numbered in its first citation's `hash` (unused without pandoc's own
-- citeproc), and the HTML has the comment <!--briefwright-citation-N--> where it stands, for
-- citeproc's rendering to replace. Each fragment's HTML follows a <!--briefwright-fragment-I-->
-- comment, where I is the index in the fragment's Div id. Needs pandoc 2.17 (pandoc.write).

local fragment_prefix = 'briefwright-fragment-'

function Pandoc(doc)
  local count = 0
  local numbered = doc:walk {
    Cite = function(cite)
      count = count + 1
      cite.citations[1].hash = count
      return cite
    end,
  }
  -- Raw HTML in a spec is refused (validate-markdown.ts reads it in the tree), but it must not reach
  -- the HTML first: a comment like the markers below would move another document's text.
  local without_raw = numbered:walk {
    RawInline = function() return {} end,
    RawBlock = function() return {} end,
  }
  local marked = without_raw:walk {
    Cite = function(cite)
      return pandoc.RawInline('html', '<!--briefwright-citation-' .. cite.citations[1].hash .. '-->')
    end,
  }
  local blocks = {}
  for _, block in ipairs(marked.blocks) do
    if block.t == 'Div' and block.identifier:sub(1, #fragment_prefix) == fragment_prefix then
      table.insert(blocks, pandoc.RawBlock('html', '<!--' .. block.identifier .. '-->'))
      local content = block.content
      -- An inline fragment (a claim, a list item, a table cell) loses its paragraph wrapper.
      if block.classes:includes('briefwright-inline') and #content == 1 and content[1].t == 'Para' then
        content = { pandoc.Plain(content[1].content) }
      end
      for _, inner in ipairs(content) do
        table.insert(blocks, inner)
      end
    end
  end
  numbered.meta['briefwright-html'] = pandoc.write(pandoc.Pandoc(blocks), 'html5', { wrap_text = 'wrap-none' })
  return numbered
end
