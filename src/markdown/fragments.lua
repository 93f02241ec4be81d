-- Briefwright's pandoc reader (convert-fragments.ts): one pandoc run per batch reads every fragment
-- of every document, each on its own, and gives both its syntax tree (the JSON output, for the checks
-- and the citations) and its HTML (in the metadata field `briefwright-html`), instead of a run per
-- fragment or a second run to write the HTML. Needs pandoc 2.17 (custom readers, pandoc.write).
--
-- Isolation by construction: the input is not one Markdown document. Its first line is a header,
-- each further line one fragment ("b " or "i " for block or inline, then the Markdown escaped so
-- that it holds no line break or tab, which pandoc would expand: \n, \r, \t and \\ stand for
-- themselves), and each fragment is parsed alone with pandoc.read. Nothing a fragment contains
-- can end, open or address another: a fenced div left open closes at the end of its own fragment.
-- `briefwright-lengths` gives the length in bytes of each fragment as read, so the caller can check
-- that every fragment came back exactly once and intact.
--
-- Each citation cluster is numbered within its fragment in its first citation's `hash` (unused
-- without pandoc's own citeproc), and the HTML has the comment <!--briefwright-citation-N--> where
-- it stands, for citeproc's rendering to replace. So a fragment's tree and HTML depend on its own
-- Markdown only, and a preview can keep them for the next build. Raw HTML is kept in the tree (validation refuses it) but never
-- written to the HTML, where a comment of its own could pass for a marker.
--
-- Before each fragment, a line "<nonce> <index>" goes to stderr, so that pandoc's warnings, which it
-- prints as they arise, can be traced to their fragment; the nonce is random per run, so no warning
-- text quoting a fragment can pass for such a line.

local unescapes = { n = '\n', r = '\r', t = '\t', ['\\'] = '\\' }

local function unescape(line)
  return (line:gsub('\\(.)', unescapes))
end

local function split_lines(text)
  local lines = {}
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    table.insert(lines, line)
  end
  return lines
end

function Reader(input)
  local lines = split_lines(tostring(input))
  local nonce, format = lines[1]:match('^briefwright%-fragments 1 (%x+) (%S+)$')
  if not nonce then error('briefwright: not a fragment batch') end
  -- Only the reading is done a fragment at a time (what isolates them); the walks below go over all
  -- fragments at once, as a call per fragment would cost more than the work.
  local divs, lengths, may_have_notes = {}, {}, {}
  for i = 2, #lines do
    local kind, escaped = lines[i]:match('^([bi]) (.*)$')
    if kind then
      local index = #divs
      io.stderr:write(nonce .. ' ' .. index .. '\n')
      io.stderr:flush()
      local markdown = unescape(escaped)
      local blocks = pandoc.read(markdown, format).blocks
      -- An inline fragment (a claim, a list item, a table cell) loses its paragraph wrapper.
      if kind == 'i' and #blocks == 1 and blocks[1].t == 'Para' then
        blocks = { pandoc.Plain(blocks[1].content) }
      end
      -- The run's nonce marks the fragment's own Div: no Div a fragment writes can pass for one.
      table.insert(divs, pandoc.Div(blocks, pandoc.Attr('briefwright-fragment-' .. index, {}, { ['briefwright-run'] = nonce })))
      table.insert(lengths, tostring(#markdown))
      -- Every footnote is written with a caret (^[…], [^id]).
      may_have_notes[#divs] = markdown:find('^', 1, true) ~= nil
    end
  end
  -- A `#` heading inside a section body sits under the section's h2: shift it to h3. Each citation
  -- cluster gets the next number of its fragment, in reading order (top down: a fragment's Div
  -- comes before what it holds).
  local count = 0
  local numbered = pandoc.Pandoc(divs):walk {
    traverse = 'topdown',
    Div = function(div)
      if div.attributes['briefwright-run'] == nonce then count = 0 end
    end,
    Header = function(header)
      header.level = header.level + 2
      return header
    end,
    Cite = function(cite)
      count = count + 1
      cite.citations[1].hash = count
      return cite
    end,
  }
  local marked = numbered:walk {
    RawInline = function() return {} end,
    RawBlock = function() return {} end,
  }:walk {
    Cite = function(cite)
      return pandoc.RawInline('html', '<!--briefwright-citation-' .. cite.citations[1].hash .. '-->')
    end,
  }
  -- The HTML of all fragments is written at once, each after a comment holding the nonce: no
  -- fragment can write one, having no raw HTML left.
  -- A fragment with footnotes is written on its own, so that its notes end its own HTML rather than
  -- the run's last fragment (another document's, in a batch).
  local options = { wrap_text = 'wrap-none' }
  local html = {}
  for index, div in ipairs(marked.blocks) do
    table.insert(html, pandoc.RawBlock('html', '<!--' .. nonce .. ' ' .. (index - 1) .. '-->'))
    if may_have_notes[index] then
      table.insert(html, pandoc.RawBlock('html', pandoc.write(pandoc.Pandoc(div.content), 'html5', options)))
    else
      for _, block in ipairs(div.content) do
        table.insert(html, block)
      end
    end
  end
  numbered.meta['briefwright-html'] = pandoc.write(pandoc.Pandoc(html), 'html5', options)
  numbered.meta['briefwright-lengths'] = lengths
  return numbered
end
