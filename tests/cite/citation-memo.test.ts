import { describe, expect, it } from 'vitest';
import { createCitationMemo } from '../../src/cite/citation-memo.ts';
import { renderRequest, type CitationRequest } from '../../src/cite/citation-engine.ts';
import { fixtureItems, prepare } from './support.ts';

describe('citations kept between the builds of a session', () => {
  it('renders only the requests it has not rendered before with the same style, and gives the same citations', async () => {
    const [apa, ieee, items] = await Promise.all([prepare('apa'), prepare('ieee'), fixtureItems()]);
    const request = (style: typeof apa, key: string): CitationRequest => ({ style, items, clusters: [{ id: 'c0', mode: 'normal', items: [{ id: key }] }], nocite: [] });
    const rendered: CitationRequest[][] = [];
    const render = async (requests: readonly CitationRequest[]) => (rendered.push([...requests]), requests.map(renderRequest));
    const memo = createCitationMemo();
    const first = await memo.renderAll([request(apa, 'bjola2015digital'), request(apa, 'manor2019selfie')], render);
    // An edited document (another work cited), an unchanged one, and the unchanged one in another style.
    const second = await memo.renderAll([request(apa, 'smith2020networks'), request(apa, 'manor2019selfie'), request(ieee, 'manor2019selfie')], render);
    expect(rendered.map((batch) => batch.map((r) => [r.style === apa ? 'apa' : 'ieee', r.clusters[0]!.items[0]!.id]))).toEqual([
      [['apa', 'bjola2015digital'], ['apa', 'manor2019selfie']],
      [['apa', 'smith2020networks'], ['ieee', 'manor2019selfie']],
    ]);
    expect(second[1]).toBe(first[1]);
    expect([...second[0]!.citations.values()]).toEqual([...renderRequest(request(apa, 'smith2020networks')).citations.values()]);
    expect([...second[2]!.citations.values()]).toEqual(['<a href="#ref-manor2019selfie">[1]</a>']);
  });
});
