import type { LoadedFinding, Project } from '../load/load-project.js';
import { IndependentSources } from '../reconcile/independent-sources.js';

const indexes = new WeakMap<Project, Map<string, LoadedFinding>>();
const sourcesOfIndex = new WeakMap<ReadonlyMap<string, LoadedFinding>, IndependentSources>();
const noReuse = new IndependentSources(new Map());

/** The project's findings by id (a duplicated id: the last one, which reference validation reports), made once per project. */
export function findingIndex(project: Project): Map<string, LoadedFinding> {
  let index = indexes.get(project);
  if (!index) {
    indexes.set(project, (index = new Map(project.findings.map((f) => [f.finding.id, f]))));
    sourcesOfIndex.set(index, new IndependentSources(project.reuses));
  }
  return index;
}

/** Which sources of an index's project count as one (sources.yaml `reuses:`); none for an index made elsewhere. */
export function independentSourcesOf(findings: ReadonlyMap<string, LoadedFinding>): IndependentSources {
  return sourcesOfIndex.get(findings) ?? noReuse;
}
