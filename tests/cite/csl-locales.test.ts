import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCslDirs, shippedLocales } from '../../src/cite/csl-files.ts';
import { languagePacks } from '../../src/languages/index.ts';

// The CSL 1.0.2 schema, converted to RELAX NG's XML syntax for xmllint (see its README).
const schema = join(import.meta.dirname, '..', 'fixtures', 'csl-schema', 'csl.rng');
const shipped = (await readdir(shippedLocales)).filter((f) => f.endsWith('.xml')).sort();
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

/** xmllint's verdict: '' when the file is valid, else its messages. */
function validate(file: string): string {
  try {
    execFileSync('xmllint', ['--noout', '--relaxng', schema, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr: Buffer }).stderr);
  }
}

/** Every term of a locale as "name/form" (single and multiple forms count once). */
function termKeys(xml: string): Set<string> {
  return new Set([...xml.matchAll(/<term\s+name="([^"]+)"(?:\s+form="([^"]+)")?/g)].map((m) => `${m[1]}/${m[2] ?? 'long'}`));
}

function termText(xml: string, name: string, form = 'long'): string[] {
  const formAttribute = form === 'long' ? '' : `\\s+form="${form}"`;
  const body = new RegExp(`<term\\s+name="${name}"${formAttribute}\\s*>([\\s\\S]*?)</term>`).exec(xml)?.[1] ?? '';
  const parts = [...body.matchAll(/<(?:single|multiple)>([^<]*)</g)].map((m) => m[1]!);
  return parts.length > 0 ? parts : [body];
}

describe('the CSL locales Briefwright ships', () => {
  it('are ones language packs need that the system has none of', () => {
    expect(shipped).toEqual(expect.arrayContaining(['locales-kk-KZ.xml', 'locales-uz-Latn-UZ.xml']));
    for (const file of shipped) {
      const code = /^locales-(.+)\.xml$/.exec(file)![1];
      expect(Object.values(languagePacks).map((p) => p.cslLocale)).toContain(code);
      expect(existsSync(join(defaultCslDirs.locales, file)), `${file} is in the system's folder too`).toBe(false);
    }
  });

  it('the schema tells a valid locale from an invalid one', async () => {
    expect(validate(join(defaultCslDirs.locales, 'locales-en-US.xml'))).toBe('');
    const dir = await mkdtemp(join(tmpdir(), 'briefwright-locale-'));
    temps.push(dir);
    const xml = await readFile(join(shippedLocales, 'locales-kk-KZ.xml'), 'utf8');
    const broken = join(dir, 'locales-xx.xml');
    await writeFile(broken, xml.replace('<term name="and">', '<term name="und">'));
    expect(validate(broken)).toMatch(/fails to validate/);
    await writeFile(broken, xml.replace(/<date form="numeric">[\s\S]*?<\/date>/, '<date form="numeric"><date-part name="week"/></date>'));
    expect(validate(broken)).toMatch(/fails to validate/);
  });

  describe.each(shipped)('%s', async (file) => {
    const xml = await readFile(join(shippedLocales, file), 'utf8');
    const code = /^locales-(.+)\.xml$/.exec(file)![1]!;

    it('is valid against the CSL 1.0.2 locale schema', () => {
      expect(validate(join(shippedLocales, file))).toBe('');
      expect(xml).toContain(`xml:lang="${code}"`);
    });

    it("has every term the system's en-US locale has, in every form", async () => {
      const english = termKeys(await readFile(join(defaultCslDirs.locales, 'locales-en-US.xml'), 'utf8'));
      const own = termKeys(xml);
      // One "ordinal" suffix for every number replaces English's ordinal-01…13 (CSL's ordinal fallback).
      const missing = [...english].filter((key) => !own.has(key) && !/^ordinal-\d\d\//.test(key));
      expect(missing).toEqual([]);
      for (let month = 1; month <= 12; month++) {
        for (const form of ['long', 'short']) expect(own.has(`month-${String(month).padStart(2, '0')}/${form}`)).toBe(true);
      }
      for (let n = 1; n <= 10; n++) expect(own.has(`long-ordinal-${String(n).padStart(2, '0')}/long`)).toBe(true);
      for (let n = 1; n <= 4; n++) expect(own.has(`season-0${n}/long`)).toBe(true);
      expect(own.has('ordinal/long')).toBe(true);
      expect(xml).toMatch(/<date form="text">/);
      expect(xml).toMatch(/<date form="numeric">/);
    });

    it('leaves no term in English', async () => {
      const english = await readFile(join(defaultCslDirs.locales, 'locales-en-US.xml'), 'utf8');
      const same = [...termKeys(xml)]
        .map((key) => key.split('/') as [string, string])
        .filter(([name, form]) => {
          const ours = termText(xml, name, form).join('|');
          return /\p{L}{2}/u.test(ours) && ours.toLowerCase() === termText(english, name, form).join('|').toLowerCase();
        });
      // Words Uzbek shares with English (Kazakh, in Cyrillic, shares none).
      const shared = ['article/long', 'film/long', 'internet/long', 'month-03/short', 'month-04/short', 'month-05/long', 'month-05/short', 'patent/long', 'post/long', 'preprint/long', 'video/long'];
      expect(same.map((k) => k.join('/')).sort()).toEqual(code === 'uz-Latn-UZ' ? shared : []);
    });
  });

  it('write Uzbek with U+02BB and U+02BC, never quotation marks or apostrophes inside words', async () => {
    const xml = await readFile(join(shippedLocales, 'locales-uz-Latn-UZ.xml'), 'utf8');
    expect(xml).not.toMatch(/\p{L}['‘’`]\p{L}/u);
    expect(xml).toMatch(/[oOgG]\u02BB/);
    expect(xml).toContain('\u02BC');
  });

  it('write Kazakh in Cyrillic with its own letters', async () => {
    const xml = await readFile(join(shippedLocales, 'locales-kk-KZ.xml'), 'utf8');
    const terms = [...xml.matchAll(/>([^<>]+)</g)].map((m) => m[1]!).filter((t) => !/^\s*$/.test(t) && !/Creative Commons|Briefwright|\d{4}-\d\d/.test(t));
    expect(terms.filter((t) => /[A-Za-z]/.test(t))).toEqual([]);
    for (const letter of 'әғқңөұүі') expect(xml, letter).toContain(letter);
  });
});
