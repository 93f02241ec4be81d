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
  })
  .describe('Briefwright sources manifest (sources.yaml): where the text of each paper lies, for `brief verify`.');

export type SourcesFile = z.infer<typeof sourcesFileSchema>;
