import type { LoadedFinding, Project } from '../load/load-project.js';
import { IndependentSources } from '../reconcile/independent-sources.js';
import { findConflicts, type Conflicts } from '../reconcile/find-conflicts.js';

const indexes = new WeakMap<Project, Map<string, LoadedFinding>>();
const sourcesOfIndex = new WeakMap<ReadonlyMap<string, LoadedFinding>, IndependentSources>();
const noReuse = new IndependentSources(new Map());
const projectOfIndex = new WeakMap<ReadonlyMap<string, LoadedFinding>, Project>();
const conflictsOfIndex = new WeakMap<ReadonlyMap<string, LoadedFinding>, Conflicts>();

/** The project's findings by id (a duplicated id: the last one, which reference validation reports), made once per project. */
export function findingIndex(project: Project): Map<string, LoadedFinding> {
  let index = indexes.get(project);
  if (!index) {
    indexes.set(project, (index = new Map(project.findings.map((f) => [f.finding.id, f]))));
    sourcesOfIndex.set(index, new IndependentSources(project.reuses));
    projectOfIndex.set(index, project);
  }
  return index;
}

/** Which sources of an index's project count as one (sources.yaml `reuses:`); none for an index made elsewhere. */
export function independentSourcesOf(findings: ReadonlyMap<string, LoadedFinding>): IndependentSources {
  return sourcesOfIndex.get(findings) ?? noReuse;
}

/** The conflicts among an index's findings (all the project's findings), found once per index. */
export function conflictsOf(findings: ReadonlyMap<string, LoadedFinding>): Conflicts {
  let conflicts = conflictsOfIndex.get(findings);
  if (!conflicts) {
    const all = projectOfIndex.get(findings)?.findings ?? [...findings.values()];
    conflictsOfIndex.set(findings, (conflicts = findConflicts(all, independentSourcesOf(findings))));
  }
  return conflicts;
}
