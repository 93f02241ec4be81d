import { z } from 'zod';

const partialDatePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** True when `YYYY-MM-DD` names a day that exists (no 2023-02-30). */
function isRealDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year!, month! - 1, day));
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as a string (YAML 1.2 reads dates as strings). */
export const partialDate = z
  .string()
  .regex(partialDatePattern, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDay, 'this day does not exist in the calendar');

export const fullDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((v) => !partialDatePattern.test(v) || isRealDay(v), 'this day does not exist in the calendar');
