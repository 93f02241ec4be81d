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

  it('ends no clause or sentence inside a citation the writer put there ("sec. Results", "Allamurodov, 2023")', () => {
    const html = `<p>Its ${figure('0.8628')}${deferredCitation(1)} score, read in ${a} and elsewhere, lacks a year. Next.</p>`;
    for (const placement of ['sentence', 'clause'] as const) {
      const placed = placeFigureCitations(html, new Map([[1, b]]), placement, '; ');
      expect(plain(placed), placement).toBe(
        placement === 'sentence'
          ? 'Its 0.8628 score, read in (Allamurodov, 2023, sec. Results) and elsewhere, lacks a year (Demircioğlu, 2024). Next.'
          : 'Its 0.8628 score (Demircioğlu, 2024), read in (Allamurodov, 2023, sec. Results) and elsewhere, lacks a year. Next.',
      );
      expect(placed).not.toMatch(/<span class="citation"(?:(?!<\/span>)[\s\S])*<span class="citation"/);
    }
  });

  it("leaves out a figure's citation the writer already printed in the paragraph, or prints next", () => {
    const after = `<p>Life is online ${a}. Then ${figure('76.6%')}${deferredCitation(1)} of people used the internet. Next.</p><p>${figure('76.6%')}${deferredCitation(2)} of people.</p>`;
    expect(plain(placeFigureCitations(after, new Map([[1, a], [2, a]]), 'sentence', '; '))).toBe(
      'Life is online (Allamurodov, 2023, sec. Results). Then 76.6% of people used the internet. Next.76.6% of people (Allamurodov, 2023, sec. Results).',
    );
    const before = `<p>${figure('76.6%')}${deferredCitation(1)} of people used the internet. The ministry posts in Uzbek ${a}.</p>`;
    expect(plain(placeFigureCitations(before, new Map([[1, a]]), 'sentence', '; '))).toBe('76.6% of people used the internet. The ministry posts in Uzbek (Allamurodov, 2023, sec. Results).');
  });

  it("keeps a figure's citation when another work is cited before the writer's same citation", () => {
    const html = `<p>${figure('76.6%')}${deferredCitation(1)} of people used the internet. Outreach is one-way ${b}. Posts are in Uzbek ${a}.</p>`;
    expect(plain(placeFigureCitations(html, new Map([[1, a]]), 'sentence', '; '))).toBe(
      '76.6% of people used the internet (Allamurodov, 2023, sec. Results). Outreach is one-way (Demircioğlu, 2024). Posts are in Uzbek (Allamurodov, 2023, sec. Results).',
    );
  });
});
