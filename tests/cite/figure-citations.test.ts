/**
 * Issue 16, point 7: a figure's citation goes at the end of its sentence or clause, never between
 * the number and its noun, and a citation already printed in a paragraph is not printed again.
 */
import { describe, expect, it } from 'vitest';
import { deferredCitation, placeFigureCitations } from '../../src/resolve/place-figure-citations.ts';

const figure = (text: string) => `<span class="figure">${text}</span>`;
const cite = (keys: string, text: string) => `<span class="citation" data-cites="${keys}"><a href="#ref-${keys}">${text}</a></span>`;
const a = cite('a', '(Allamurodov, 2023, sec. Results)');
const b = cite('b', '(Demircioğlu, 2024)');
const plain = (html: string) => html.replace(/<[^>]+>/g, '');

describe('figure citations', () => {
  const paragraph = `<p>The audience is there: ${figure('76.6%')}${deferredCitation(1)} of the population used the internet, with ${figure('4.2 million')}${deferredCitation(2)} on Instagram. Outreach is one-way.</p>`;
  const citations = new Map([
    [1, a],
    [2, a],
  ]);

  it('at the end of the sentence (the default), once per paragraph', () => {
    expect(plain(placeFigureCitations(paragraph, citations, 'sentence', '; '))).toBe(
      'The audience is there: 76.6% of the population used the internet, with 4.2 million on Instagram (Allamurodov, 2023, sec. Results). Outreach is one-way.',
    );
  });

  it('at the end of the clause', () => {
    expect(plain(placeFigureCitations(paragraph, new Map([[1, a], [2, b]]), 'clause', '; '))).toBe(
      'The audience is there: 76.6% of the population used the internet (Allamurodov, 2023, sec. Results), with 4.2 million on Instagram (Demircioğlu, 2024). Outreach is one-way.',
    );
  });

  it('right after the figure, when the spec asks', () => {
    expect(plain(placeFigureCitations(paragraph, citations, 'figure', '; '))).toBe(
      'The audience is there: 76.6% (Allamurodov, 2023, sec. Results) of the population used the internet, with 4.2 million on Instagram. Outreach is one-way.',
    );
  });

  it('two citations that meet become one cluster; a decimal point ends no sentence; the citation stays in its block', () => {
    const html = `<li>Use rose to ${figure('76.6%')}${deferredCitation(1)} in 2023 ${b}</li><li>Next.</li>`;
    const placed = placeFigureCitations(html, new Map([[1, a]]), 'sentence', '; ');
    expect(plain(placed)).toBe('Use rose to 76.6% in 2023 (Allamurodov, 2023, sec. Results; Demircioğlu, 2024)Next.');
    expect(placed).toContain('data-cites="a b"');
  });
});
