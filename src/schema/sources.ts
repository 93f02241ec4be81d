import { z } from 'zod';
import { citationKey } from './finding.js';
const textPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'expected a path inside the sources folder')
  .describe('Plain-text file of the paper, relative to the folder given with `brief verify --sources DIR`.');

export const sourcesFileSchema = z
  .strictObject({
    sources: z
      .record(citationKey, textPath)
      .describe('BibTeX key of a paper → its text file, relative to the --sources folder.'),
    reuses: z
      .record(citationKey, z.array(citationKey).min(1))
      .optional()
      .describe(
        'BibTeX key of a paper → the keys of papers whose text it repeats (found by `brief verify`). A paper and what it repeats count as one source when findings corroborate or contradict each other.',
      ),
  })
  .describe('Briefwright sources manifest (sources.yaml): where the text of each paper lies, for `brief verify`.');

export type SourcesFile = z.infer<typeof sourcesFileSchema>;
