import { figureCitationPlacements } from '../resolve/place-figure-citations.js';
import { z } from 'zod';
import { countryCodes, languages } from './vocabulary.js';
import { dateOrText, fullDate } from './dates.js';

/**
 * The fields that hold Markdown. The document model (src/model/) places each in the document tree;
 * tests/unit/document-model.test.ts reads this registry to check that none is left out.
 */
export const markdownFields = z.registry<{ markdown: true }>();
const markdown = (description?: string) => {
  const field = z.string().min(1);
  return (description ? field.describe(description) : field).register(markdownFields, { markdown: true });
};
const findingIds = z.array(z.string()).describe('Ids of findings to feature.');

export const authorSchema = z.strictObject({
  name: z.string().min(1),
  affiliation: z.string().optional(),
});

export const chartSchema = z.strictObject({
  type: z.enum(['bar', 'timeseries']).describe('bar: countries compared on one metric; timeseries: a metric over its as-of dates.'),
  metric: z.string().min(1).describe('A metric name used by findings (metric.name).'),
  title: z.string().min(1),
  countries: z.array(z.enum(countryCodes)).optional().describe("Default: the spec's countries."),
  alt: z.string().min(1).optional().describe('Alt text; generated from the data when absent.'),
});

export const sectionSchema = z.strictObject({
  heading: z.string().min(1),
  body: markdown('Markdown; cite with [@key], insert a figure with [@fact:finding-id].'),
  findings: findingIds.optional(),
  charts: z.array(chartSchema).optional(),
});

export const recipientSchema = z.strictObject({
  name: z.string().min(1).describe('The addressee, e.g. the ministry.'),
  address: z.string().optional().describe('Address line under the name.'),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case file-name part')
    .optional()
    .describe('File-name part of this recipient\'s PDF; derived from the name when Latin.'),
  paragraphs: markdown().optional().describe('Paragraphs for this recipient only (Markdown).'),
});

export const recommendationSchema = z.strictObject({
  to: z.string().min(1).describe('The institution the recommendation is addressed to (the owner of a memo action).'),
  deadline: dateOrText.optional().describe('When the action is due (memos): a date (YYYY-MM-DD) or text.'),
  action: markdown('What it should do (Markdown).'),
  findings: findingIds.optional().describe('Findings that support the recommendation.'),
  recipients: z
    .array(z.string().min(1))
    .optional()
    .describe('Memos: the slugs of the recipients whose editions carry this action, each getting the points in its remit (default: every recipient).'),
});

export const comparisonSchema = z.strictObject({
  caption: z.string().optional(),
  rows: z
    .array(
      z.strictObject({
        metric: z.string().min(1).describe('A metric name used by findings (metric.name).'),
        label: z.string().min(1).describe('Row label shown in the table.'),
      }),
    )
    .min(1),
});

export const briefSchema = z
  .strictObject({
    kind: z.enum(['brief', 'memo', 'comparison']),
    title: z.string().min(1),
    subtitle: z.string().optional(),
    short_title: z.string().min(1).optional().describe('Running header on every page after the first; defaults to the title.'),
    marking: z.string().min(1).optional().describe('A handling marking printed in the header of every page, e.g. "For official use".'),
    paper: z.enum(['a4', 'letter']).default('a4'),
    max_pages: z.number().int().positive().optional().describe('Page budget: a PDF longer than this is an error naming the sections past the limit.'),
    toc_min_pages: z.number().int().positive().default(5).describe('Documents of at least this many pages get a table of contents.'),
    evidence_annex: z
      .boolean()
      .default(false)
      .describe("Print the evidence list (each figure's source and locator, as-of date, quoted phrase, verification and conflicts) as an annex of the PDF; the HTML edition always has it."),
    logo: z
      .strictObject({
        path: z.string().min(1).describe('PNG, JPEG or SVG file inside the project.'),
        alt: z.string().min(1).describe('Alt text, e.g. the organisation\'s name.'),
      })
      .optional(),
    keywords: z.array(z.string().min(1)).optional().describe('PDF keywords; default: the countries and the topics of the findings used.'),
    date: fullDate,
    lang: z.enum(languages).default('en'),
    countries: z.array(z.enum(countryCodes)).min(1),
    audience: z.string().optional(),
    authors: z.array(authorSchema).default([]),
    style: z
      .string()
      .regex(/^(?:[a-z0-9][a-z0-9-]*|[^\\\0]+\.csl)$/, 'expected a style name (lowercase letters, digits, hyphens) or a path to a .csl file')
      .optional()
      .describe('CSL style name or path to a .csl file; default apa, or gost-r-7-0-5-2008 for lang ru.'),
    figure_citations: z
      .enum(figureCitationPlacements)
      .default('sentence')
      .describe('Where the citation of a figure inserted with [@fact:…] goes: at the end of its sentence (default), of its clause, or right after the figure.'),
    summary: markdown().optional(),
    key_findings: findingIds.optional(),
    sections: z.array(sectionSchema).default([]),
    comparison: comparisonSchema.optional().describe('A table of metrics across the spec\'s countries, filled from findings.'),
    recommendations: z.array(recommendationSchema).default([]),
    prefer: z
      .array(z.string())
      .optional()
      .describe('Findings this document deliberately uses over the findings they conflict with (see `brief findings conflicts`).'),
    from: z.string().min(1).optional().describe('Sender of a memo.'),
    reference: z.string().min(1).optional().describe('Reference number of a memo.'),
    purpose: markdown().optional().describe('One-line purpose of a memo (Markdown).'),
    recipients: z.array(recipientSchema).optional().describe('Memo addressees: one PDF per recipient.'),
    nocite: z.array(z.string()).default([]).describe("Keys listed in the bibliography without an in-text citation; ['*'] for all."),
  })
  .superRefine((spec, context) => {
    if (spec.kind !== 'memo') return;
    if (!spec.recipients?.length) context.addIssue({ code: 'custom', path: ['recipients'], message: 'a memo needs at least one recipient' });
    if (!spec.from) context.addIssue({ code: 'custom', path: ['from'], message: 'a memo needs a sender (from)' });
  })
  .describe('A Briefwright document spec (briefs/<id>.yaml).');

export type BriefSpec = z.infer<typeof briefSchema>;
export type Chart = z.infer<typeof chartSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type Recipient = z.infer<typeof recipientSchema>;
export type Recommendation = z.infer<typeof recommendationSchema>;
