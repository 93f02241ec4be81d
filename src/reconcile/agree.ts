import type { Finding } from '../schema/finding.js';
import { canCoincide } from './find-conflicts.js';

/**
 * Whether two findings state the same fact the same way: the same figure for the same country and
 * metric at a date that can be the same, or the same dated event (country, topic and date).
 */
export function agree(a: Finding, b: Finding): boolean {
  if (a.country !== b.country) return false;
  if (a.metric && b.metric) {
    return (
      a.metric.name === b.metric.name &&
      a.metric.value === b.metric.value &&
      a.metric.unit === b.metric.unit &&
      a.metric.out_of === b.metric.out_of &&
      canCoincide(a.metric, b.metric)
    );
  }
  return !a.metric && !b.metric && a.date !== undefined && a.date === b.date && a.topic === b.topic;
}
