import { z } from 'zod';
import { countryCodes, qualifiers, topics, units } from './vocabulary.js';
import { partialDate } from './dates.js';

export const findingIdPattern = /^(uz|kz|tm|kg|tj|ca|xx)-[a-z0-9]+(-[a-z0-9]+)*-[0-9]{4}$/;
export const citationKey = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$/, 'expected a BibTeX key');
const findingId = z
  .string()
  .regex(findingIdPattern, 'expected an id like uz-connectivity-internet-users-2023 (<country>-<topic>-<what>-<year>)');

export const metricSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case metric name'),
    value: z.number().finite().refine((v) => Math.abs(v) < 1e15, 'the value is implausibly large'),
    unit: z.enum(units),
    as_of: z
      .union([partialDate, z.literal('unknown')])
      .describe('The date the paper states for the figure; `unknown` when it states none (then give `reported`).'),
    reported: z
      .string()
      .regex(/^\d{4}$/, 'expected a year as YYYY')
      .optional()
      .describe('With `as_of: unknown`: the year the paper reported the figure (its publication year).'),
    qualifier: z.enum(qualifiers).optional(),
    out_of: z.number().int().positive().optional(),
  })
  .superRefine((metric, context) => {
    if (metric.as_of === 'unknown' && metric.reported === undefined) {
      context.addIssue({ code: 'custom', path: ['reported'], message: 'as_of: unknown needs reported: <the year the paper reported the figure>' });
    }
    if (metric.as_of !== 'unknown' && metric.reported !== undefined) {
      context.addIssue({ code: 'custom', path: ['reported'], message: 'reported: goes only with as_of: unknown (a stated as_of is the better date)' });
    }
  })
  .describe('A figure: its value, unit and the date it refers to (stated in the paper, or only the year it was reported).');

export const findingSchema = z
  .strictObject({
    id: findingId.describe('Stable id, <country>-<topic>-<what>-<year>.'),
    country: z.enum(countryCodes).describe('UZ, KZ, TM, KG, TJ; CA for Central Asia; XX for global.'),
    topic: z.enum(topics),
    claim: z.string().min(1).describe('Markdown, in our own words.'),
    metric: metricSchema.optional(),
    date: partialDate.optional().describe('Date of the event the finding is about.'),
    source: citationKey.describe('BibTeX key of the paper the finding was taken from.'),
    locator: z.string().min(1).describe('Page (p. 12) or section (sec. Introduction) in the source.'),
    evidence: z
      .string()
      .min(1)
      .refine((v) => v.trim().split(/\s+/).length <= 20, 'the evidence phrase is longer than 20 words')
      .describe('Anchor phrase copied exactly from the source, at most 20 words.'),
    primary: citationKey.nullable().optional().describe('BibTeX key of the original data source.'),
    conflicts_with: z.array(findingId).optional().describe('Findings that state the same fact differently.'),
    same_metric: z.array(findingId).optional().describe('Findings of the same metric at other dates.'),
    note: z.string().optional(),
  })
  .describe('One fact or figure taken from a research paper.');

export const findingsFileSchema = z.strictObject({
  findings: z.array(findingSchema),
});

export type Metric = z.infer<typeof metricSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type FindingsFile = z.infer<typeof findingsFileSchema>;
