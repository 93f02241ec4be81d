import { z } from 'zod';
import { briefSchema } from './brief.js';
import { findingsFileSchema } from './finding.js';
import { sourcesFileSchema } from './sources.js';

/** JSON Schemas generated from the zod schemas, so editors and the pipeline agree. */
export function jsonSchemas(): Record<string, unknown> {
  return {
    brief: { ...z.toJSONSchema(briefSchema, { io: 'input' }), title: 'Briefwright document spec' },
    findings: { ...z.toJSONSchema(findingsFileSchema, { io: 'input' }), title: 'Briefwright findings file' },
    sources: { ...z.toJSONSchema(sourcesFileSchema, { io: 'input' }), title: 'Briefwright sources manifest' },
  };
}
