import { z } from 'zod';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Text shaped like a numeric date (`2025-04-31`, `2025-13`, `2025-4-1`): checked as one wherever it stands. */
export const dateLike = /^\d{4}-\d{1,2}(-\d{1,2})?$/;

/**
 * Why `YYYY`, `YYYY-MM` or `YYYY-MM-DD` is not a day or month of the calendar (month 13, 31 April,
 * 29 February 2023), or undefined when it is one. Text of another shape is not judged here.
 */
export function calendarProblem(value: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return `there is no month ${month}; months run from 01 to 12`;
  if (month === undefined || day === undefined) return undefined;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${monthNames[month - 1]} ${year} has ${days} days, so there is no day ${day}`;
  return undefined;
}

/** A zod check that the value, when it is shaped like a date, names a real one. */
function realDate(value: string, context: z.core.$RefinementCtx<string>): void {
  const problem = calendarProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: `"${value}" is not a date: ${problem}`, input: value });
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as a string (YAML 1.2 reads dates as strings). */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .superRefine(realDate);

export const fullDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .superRefine(realDate);

/** Free text (`Q1 2027`, `within a month`) or a date; text shaped like a date must be a real one. */
export const dateOrText = z.string().min(1).superRefine((value, context) => {
  if (dateLike.test(value)) realDate(value, context);
});
