import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { LoadedBrief, LoadedFinding } from '../load/load-project.js';
import { documentModel, type MarkdownNode } from '../model/document-model.js';
import { nodesOf } from '../model/walk.js';
import { factReferencesIn } from '../model/fact-references.js';
import { sentencesOf } from '../lint/lint-uncited-figures.js';

const key = String.raw`@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])`;
/** A bracketed citation cluster, or a narrative citation outside brackets. */
const citation = new RegExp(String.raw`\[[^\][]*@[^\][]*\]|(?<![\p{L}\p{N}_\[])-?${key}`, 'gu');
const citedKey = new RegExp(key, 'gu');

const furtherReading = /^\[\s*(?:see also|cf\.|compare|for more,? see|см\. также|ср\.|qarang)\s/iu;

interface Cluster {
  /** Offset in the field. */
  index: number;
  text: string;
  /** The works it cites; figure references are not works. */
  keys: string[];
}

const clustersByField = new WeakMap<object, Cluster[]>();

function clusterAt(match: RegExpMatchArray, offset: number): Cluster {
  // exec, not matchAll: matchAll copies its expression at every call, and there is a call per cluster.
  const keys: string[] = [];
  citedKey.lastIndex = 0;
  for (let key = citedKey.exec(match[0]); key; key = citedKey.exec(match[0])) if (!key[1]!.startsWith('fact:')) keys.push(key[1]!);
  return { index: offset + match.index!, text: match[0], keys };
}

/**
 * The citation clusters of a field's text from `from` to `to`, as a search of that stretch alone
 * finds them. The field is searched once for all its sentences; a stretch that a cluster of the
 * whole field crosses into or out of is searched on its own, as the whole-field search may read
 * that cluster differently.
 */
function clustersBetween(raw: { text: string }, from: number, to: number): Cluster[] {
  let all = clustersByField.get(raw);
  if (!all) clustersByField.set(raw, (all = [...raw.text.matchAll(citation)].map((match) => clusterAt(match, 0))));
  const crossed = all.some(({ index, text }) => (index < from && index + text.length > from) || (index < to && index + text.length > to));
  if (crossed) return [...raw.text.slice(from, to).matchAll(citation)].map((match) => clusterAt(match, from));
  return all.filter(({ index, text }) => index >= from && index + text.length <= to);
}

/** The works a statement about some findings may be cited to: their papers, and the originals they report. */
function sourcesOf(findings: readonly LoadedFinding[]): Set<string> {
  return new Set(findings.flatMap(({ finding }) => [finding.source, ...(typeof finding.primary === 'string' ? [finding.primary] : [])]));
}

/**
 * A statement that rests on findings (a sentence that inserts one with [@fact:…], or a
 * recommendation with `findings:`) must be cited to a source of at least one of them: each
 * citation cluster attached to it names the paper of one of its findings (or the original that
 * paper reports), or it is a warning at the cluster. An information-security claim from one paper
 * cited to another is the mistake this catches.
 */
export function checkClaimCitations(briefs: readonly LoadedBrief[], findings: ReadonlyMap<string, LoadedFinding>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (brief: LoadedBrief, node: MarkdownNode, from: number, to: number, basis: readonly LoadedFinding[], what: string) => {
    const allowed = sourcesOf(basis);
    for (const { index, text, keys } of clustersBetween(node.raw!, from, to)) {
      // "see also", "cf." point to further reading: they do not claim to be the statement's source.
      if (keys.length === 0 || keys.some((k) => allowed.has(k)) || furtherReading.test(text)) continue;
      diagnostics.push(
        diagnostic('citation-not-a-source', {
          file: brief.source.file,
          ...brief.source.positionAt(node.raw!.offset + index),
          message: `${text.replace(/\s+/g, ' ')} is cited for ${what}, but names none of their sources (${[...allowed].sort().join(', ')})`,
        }),
      );
    }
  };
  for (const brief of briefs) {
    const document = documentModel(brief, findings);
    for (const node of nodesOf(document, 'markdown')) {
      // One pass over the field for its figure references, each taken to its sentence.
      if (!node.raw?.text.includes('@fact:')) continue;
      const sentences = sentencesOf(node.raw, brief.spec.lang);
      const idsBySentence = new Map<number, Set<string>>();
      let sentence = 0;
      for (const { id, index } of factReferencesIn(node.raw.text)) {
        while (sentences[sentence]![1] <= index) sentence++;
        if (!idsBySentence.has(sentence)) idsBySentence.set(sentence, new Set());
        idsBySentence.get(sentence)!.add(id);
      }
      for (const [index, idSet] of idsBySentence) {
        const ids = [...idSet];
        const used = ids.flatMap((id) => findings.get(id) ?? []);
        const [start, end] = sentences[index]!;
        if (used.length > 0) check(brief, node, start, end, used, `a statement that uses ${ids.map((id) => `"${id}"`).join(', ')}`);
      }
    }
    for (const recommendation of nodesOf(document, 'recommendation')) {
      const basis = [...nodesOf(recommendation, 'finding')].flatMap((f) => (f.role === 'basis' && f.finding ? [f.finding] : []));
      if (basis.length === 0) continue;
      for (const node of nodesOf(recommendation, 'markdown')) {
        if (node.raw) check(brief, node, 0, node.raw.text.length, basis, 'a recommendation that rests on its findings');
      }
    }
  }
  return diagnostics;
}
