import type { LoadedFinding, Project } from '../load/load-project.js';

const indexes = new WeakMap<Project, Map<string, LoadedFinding>>();

/** The project's findings by id (a duplicated id: the last one, which reference validation reports), made once per project. */
export function findingIndex(project: Project): Map<string, LoadedFinding> {
  let index = indexes.get(project);
  if (!index) indexes.set(project, (index = new Map(project.findings.map((f) => [f.finding.id, f]))));
  return index;
}
