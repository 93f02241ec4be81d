import { request, type IncomingMessage } from 'node:http';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/preview/start-preview.ts';
import { makeProject, removeProject } from '../support/project.ts';

const roots: string[] = [];
const previews: Preview[] = [];
afterAll(async () => {
  await Promise.all(previews.map((p) => p.close()));
  await Promise.all(roots.map(removeProject));
});

/** A raw GET: the path goes out exactly as written (fetch would resolve `..` and `%2e%2e` first). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: IncomingMessage['headers'] }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ServerEvent {
  event: string;
  data: { ok?: boolean; problems?: string; format?: string; path?: string; status?: string };
}

/** The page's event stream: every event so far, and a way to wait for the next one that matches. */
function listen(port: number) {
  const events: ServerEvent[] = [];
  const waiting: { test: (e: ServerEvent) => boolean; resolve: (e: ServerEvent) => void }[] = [];
  let buffer = '';
  const req = request({ host: '127.0.0.1', port, path: '/_preview/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        const parsed = { event, data: JSON.parse(data) } as ServerEvent;
        events.push(parsed);
        for (const w of waiting.filter((w) => w.test(parsed))) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    });
  });
  req.end();
  return {
    events,
    next: (test: (e: ServerEvent) => boolean) => new Promise<ServerEvent>((resolve) => waiting.push({ test, resolve })),
    close: () => req.destroy(),
  };
}

describe('brief preview', () => {
  it('serves the HTML and PDF, rebuilds them when the spec is saved, and shows errors over the last good output', async () => {
    const root = await makeProject();
    roots.push(root);
    const log: string[] = [];
    const preview = await startPreview({ root, id: 'sample', log: (text) => log.push(text) });
    previews.push(preview);
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await preview.ready;
    const { port } = preview;

    const page = new JSDOM((await get(port, '/')).body.toString('utf8')).window.document;
    expect(page.querySelector('iframe#html')).not.toBeNull();
    expect(page.querySelector('iframe#pdf')).not.toBeNull();
    const firstPdf = await get(port, '/sample/sample.pdf');
    expect(firstPdf.status).toBe(200);
    expect(firstPdf.headers['content-type']).toBe('application/pdf');
    expect(firstPdf.body.subarray(0, 5).toString()).toBe('%PDF-');

    const stream = listen(port);
    // A page that connects gets the state of the last build at once.
    expect((await stream.next((e) => e.event === 'build')).data.ok).toBe(true);

    const specFile = join(root, 'briefs/sample.yaml');
    const spec = await readFile(specFile, 'utf8');
    const rebuilt = stream.next((e) => e.event === 'build');
    const html = stream.next((e) => e.event === 'output' && e.data.format === 'html');
    const pdf = stream.next((e) => e.event === 'output' && e.data.format === 'pdf');
    await writeFile(specFile, spec.replace('title: Digital Diplomacy in Uzbekistan', 'title: Digital Diplomacy in Uzbekistan, Revised'));
    expect((await html).data.path).toBe('/sample/sample.html');
    expect((await pdf).data.path).toBe('/sample/sample.pdf');
    expect((await rebuilt).data.ok).toBe(true);
    const secondPdf = await get(port, '/sample/sample.pdf');
    expect(secondPdf.body.equals(firstPdf.body)).toBe(false);
    const newHtml = new JSDOM((await get(port, '/sample/sample.html')).body.toString('utf8')).window.document;
    expect(newHtml.querySelector('h1')?.textContent).toBe('Digital Diplomacy in Uzbekistan, Revised');
    expect(log.at(-1)).toMatch(/^rebuilt sample after a change of briefs\/sample\.yaml in \d+ ms/);

    // A mistake: the problem, with its place, on the page and in the log; the last good output stays.
    const failed = stream.next((e) => e.event === 'build');
    await writeFile(specFile, spec.replace('  - uz-social-media-president-instagram-followers-2024', '  - uz-no-such-finding-2024'));
    const failure = await failed;
    expect(failure.data.ok).toBe(false);
    expect(failure.data.problems).toMatch(/^briefs\/sample\.yaml:15:5 error Unknown finding "uz-no-such-finding-2024" \[unknown-finding\]/);
    expect(log.at(-1)).toContain('briefs/sample.yaml:15:5 error Unknown finding "uz-no-such-finding-2024"');
    expect((await get(port, '/sample/sample.pdf')).body.equals(secondPdf.body)).toBe(true);
    expect((await get(port, '/sample/sample.html')).body.toString('utf8')).toContain('Digital Diplomacy in Uzbekistan, Revised');
    stream.close();
  });

  it('serves nothing outside the output folder', async () => {
    const root = await makeProject();
    roots.push(root);
    const preview = await startPreview({ root, id: 'sample' });
    previews.push(preview);
    await preview.ready;
    const { port } = preview;
    // A link in the output folder to a file of the project outside it.
    await symlink(join(root, 'references.bib'), join(root, 'out/leak.bib'));
    await symlink(root, join(root, 'out/project'));
    expect((await get(port, '/assets/brief.css')).status).toBe(200);
    const secret = await readFile(join(root, 'references.bib'));
    for (const path of [
      '/../references.bib',
      '/%2e%2e/references.bib',
      '/%2E%2E%2Freferences.bib',
      '/..%2freferences.bib',
      '/sample/..%2f..%2freferences.bib',
      '/%252e%252e/references.bib',
      `/${join(root, 'references.bib')}`,
      `//${join(root, 'references.bib')}`,
      '/..\\references.bib',
      '/%00/../references.bib',
      '/leak.bib',
      '/project/references.bib',
      '/project/briefs/sample.yaml',
      `http://127.0.0.1:${port}/../references.bib`,
    ]) {
      const response = await get(port, path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body.includes(secret.subarray(0, 40))).toBe(false);
    }
    // Only requests addressed to the preview by its own name (no DNS rebinding).
    expect((await get(port, '/sample/sample.html', { host: `attacker.example:${port}` })).status).toBe(403);
  });
});
