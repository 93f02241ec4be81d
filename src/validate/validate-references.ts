import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Project } from '../load/load-project.js';
import type { SourceYaml, YamlPath } from '../load/parse-yaml.js';
import { closest } from '../util/closest.js';
import { recipientSlug } from '../publish/recipient-slug.js';
import { documentModel, positionOf } from '../model/document-model.js';
import { findingIndex } from '../model/finding-index.js';
import { nodesOf } from '../model/walk.js';

/** Second validation pass: ids and keys that point from one file to another must resolve. */
export function validateReferences(project: Project): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const keys = project.library.items;
  const findingIds = new Map<string, { source: SourceYaml; path: YamlPath }>();

  for (const { finding, source, path } of project.findings) {
    const first = findingIds.get(finding.id);
    if (first) {
      const at = first.source.positionOf([...first.path, 'id']);
      diagnostics.push(
        diagnostic('duplicate-id', {
          file: source.file,
          ...source.positionOf([...path, 'id']),
          message: `Duplicate finding id "${finding.id}" (first defined at ${first.source.file}:${at.line}:${at.column})`,
        }),
      );
    } else {
      findingIds.set(finding.id, { source, path });
    }
  }

  // Without a readable library every key would look unknown; its own diagnostic says why.
  const checkKey = (key: string, source: SourceYaml, path: YamlPath) => {
    if (project.library.loaded && !keys.has(key)) diagnostics.push(unknownKey(key, source.file, source.positionOf(path), keys.keys()));
  };
  const checkFinding = (id: string, source: SourceYaml, path: YamlPath) => {
    if (!findingIds.has(id) && !project.unavailable.ids.has(id)) diagnostics.push(unknownFinding(id, source.file, source.positionOf(path), findingIds.keys()));
  };

  for (const { finding, source, path } of project.findings) {
    checkKey(finding.source, source, [...path, 'source']);
    if (finding.primary) checkKey(finding.primary, source, [...path, 'primary']);
    finding.conflicts_with?.forEach((id, i) => checkFinding(id, source, [...path, 'conflicts_with', i]));
    finding.same_metric?.forEach((id, i) => checkFinding(id, source, [...path, 'same_metric', i]));
  }

  const metricNames = new Set(project.findings.flatMap(({ finding }) => (finding.metric ? [finding.metric.name] : [])));
  const findings = findingIndex(project);
  for (const brief of project.briefs) {
    const { source } = brief;
    const document = documentModel(brief, findings);
    for (const node of nodesOf(document, 'finding')) checkFinding(node.id, source, node.origin.path);
    for (const reference of document.nocite) if (reference.value !== '*') checkKey(reference.value, source, reference.origin.path);
    const slugs = new Set<string>();
    for (const { recipient, fileNameOrigin } of nodesOf(document, 'recipient')) {
      const slug = recipientSlug(recipient);
      const at = positionOf({ origin: fileNameOrigin });
      if (!slug) {
        diagnostics.push(diagnostic('invalid-value', { file: source.file, ...at, message: `Cannot make a file name from recipient "${recipient.name}"`, hint: 'Give the recipient a Latin `slug`, e.g. slug: mfa-uzbekistan.' }));
      } else if (slugs.has(slug)) {
        diagnostics.push(diagnostic('duplicate-id', { file: source.file, ...at, message: `Two recipients share the file name "${slug}"`, hint: 'Give one of them a different `slug`.' }));
      }
      if (slug) slugs.add(slug);
    }
    // Tables first, then charts: each names a metric that some finding must have.
    const metricUses = [...nodesOf(document, 'comparison-row'), ...nodesOf(document, 'chart')].map((node) => node.metric);
    for (const metric of metricUses) {
      if (metricNames.has(metric.name) || project.unavailable.metrics.has(metric.name)) continue;
      const near = closest(metric.name, metricNames);
      diagnostics.push(
        diagnostic('unknown-metric', {
          file: source.file,
          ...positionOf(metric),
          message: `No finding has the metric "${metric.name}"`,
          hint: near.length > 0 ? `Closest metric names: ${near.join(', ')}.` : undefined,
        }),
      );
    }
  }
  return diagnostics;
}

export function unknownKey(key: string, file: string, at: { line: number; column: number }, known: Iterable<string>): Diagnostic {
  const near = closest(key, known);
  return diagnostic('unknown-citation-key', {
    file,
    ...at,
    message: `Unknown citation key "${key}"`,
    hint: near.length > 0 ? `Closest keys in references.bib: ${near.join(', ')}.` : undefined,
  });
}

export function unknownFinding(id: string, file: string, at: { line: number; column: number }, known: Iterable<string>): Diagnostic {
  const near = closest(id, known);
  return diagnostic('unknown-finding', {
    file,
    ...at,
    message: `Unknown finding "${id}"`,
    hint: near.length > 0 ? `Closest finding ids: ${near.join(', ')}.` : undefined,
  });
}
