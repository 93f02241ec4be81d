// Writes the JSON Schemas that editors use for autocompletion (schemas/*.schema.json).
import { writeFile } from 'node:fs/promises';
import { jsonSchemas } from '../src/schema/json-schema.ts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  await writeFile(new URL(`../schemas/${name}.schema.json`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}.schema.json`);
}
