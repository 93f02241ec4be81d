import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { build } from '../../src/index.ts';
import { makeProject, removeProject } from '../support/project.ts';
import { pdfText } from '../support/pdf.ts';

/**
 * A memo to two ministries in a numeric style. Each recipient's paragraph and one action cite works
 * only its edition shows: Manor and Bjola for the MFA, Demircioğlu for the MDT; Allamurodov is in both.
 */
const memo = `kind: memo
title: Editions of one memo
date: 2025-05-02
lang: en
style: ieee
countries: [UZ]
from: Analysis Team
purpose: Compare what each ministry receives.
recipients:
  - name: Ministry of Foreign Affairs
    slug: mfa
    paragraphs: |
      The shift is described by @manor2019digitalization [p. 33].
  - name: Ministry of Digital Technologies
    slug: mdt
    paragraphs: |
      The press service reached an audience of [@fact:uz-social-media-president-instagram-followers-2024].
summary: |
  Internet use reached [@fact:uz-connectivity-internet-penetration-2023] of the population.
recommendations:
  - to: MFA
    action: Train diplomats in online work [@bjola2015digital, ch. 2].
    recipients: [mfa]
  - to: MDT
    action: Build the platform the missions need [@demircioglu2024digital, p. 175].
    recipients: [mdt]
  - to: Both ministries
    action: Share the connectivity figures.
    findings: [uz-connectivity-internet-penetration-2023]
`;

interface EditionView {
  dom: Document;
  listed: string[];
  numbers: number[];
  pdf: string;
}

describe('the editions of a memo', () => {
  let root: string;
  const editions: Record<string, EditionView> = {};
  let manifest: { documents: { recipient?: string; citationKeys: string[] }[] };
  beforeAll(async () => {
    root = await makeProject({ 'briefs/editions.yaml': memo });
    const result = await build({ root });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const slug of ['mfa', 'mdt']) {
      const dom = new JSDOM(await readFile(join(root, `out/editions/editions--${slug}.html`), 'utf8')).window.document;
      editions[slug] = {
        dom,
        listed: [...dom.querySelectorAll('.references .csl-entry')].map((entry) => entry.id.replace(/^ref-/, '')),
        // Every number the text cites ("[1]", "[2], [3]").
        numbers: [...dom.querySelectorAll(".citation")].flatMap((cite) => [...cite.textContent!.matchAll(/\[(\d+)/g)].map((m) => Number(m[1]))),
        pdf: (await pdfText(join(root, `out/editions/editions--${slug}.pdf`))).replace(/\s+/g, ' '),
      };
    }
    manifest = JSON.parse(await readFile(join(root, 'out/manifest.json'), 'utf8'));
  });
  afterAll(() => removeProject(root));

  it('list in each edition exactly the works that edition cites, numbered in its own reading order', () => {
    expect(editions.mfa!.listed).toEqual(['manor2019digitalization', 'allamurodov2023digital', 'bjola2015digital']);
    expect(editions.mdt!.listed).toEqual(['demircioglu2024digital', 'allamurodov2023digital']);
    for (const [slug, edition] of Object.entries(editions)) {
      // The list runs 1…n and the text cites each number it lists, none past it.
      const labels = [...edition.dom.querySelectorAll('.references .csl-left-margin')].map((label) => label.textContent!.trim());
      expect(labels, slug).toEqual(edition.listed.map((_, i) => `[${i + 1}]`));
      expect(new Set(edition.numbers), slug).toEqual(new Set(edition.listed.map((_, i) => i + 1)));
    }
    expect(editions.mdt!.pdf).not.toContain('Manor');
    expect(editions.mfa!.pdf).not.toContain('Demircio');
  });

  it('record each edition\'s works in the manifest', () => {
    const keys = (recipient: string) => [...manifest.documents.find((d) => d.recipient === recipient)!.citationKeys].sort();
    expect(keys('Ministry of Foreign Affairs')).toEqual([...editions.mfa!.listed].sort());
    expect(keys('Ministry of Digital Technologies')).toEqual([...editions.mdt!.listed].sort());
  });

  it('give each recipient the actions in its remit, and those addressed to every recipient', () => {
    // Each action's own text, without its citation and the evidence line under it.
    const actions = (slug: string) =>
      [...editions[slug]!.dom.querySelectorAll('.memo-actions tbody tr td:first-child > :not(.recommendation-basis)')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim().split(' [')[0]);
    expect(actions('mfa')).toEqual(['Train diplomats in online work', 'Share the connectivity figures.']);
    expect(actions('mdt')).toEqual(['Build the platform the missions need', 'Share the connectivity figures.']);
    expect(editions.mfa!.pdf).toContain('Train diplomats in online work');
    expect(editions.mfa!.pdf).not.toContain('Build the platform');
    expect(editions.mdt!.pdf).toContain('Build the platform the missions need');
    expect(editions.mdt!.pdf).not.toContain('Train diplomats');
  });

  it('list in each edition the evidence of the figures it prints', () => {
    const entries = (slug: string) => [...editions[slug]!.dom.querySelectorAll('li.evidence-entry')].map((entry) => entry.id);
    expect(entries('mfa')).toEqual(['evidence-uz-connectivity-internet-penetration-2023']);
    expect(entries('mdt')).toEqual(['evidence-uz-social-media-president-instagram-followers-2024', 'evidence-uz-connectivity-internet-penetration-2023']);
  });
});
