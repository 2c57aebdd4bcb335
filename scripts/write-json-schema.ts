/**
 * `npm run schema`: writes the published JSON Schema files (static/schema/) from the one zod
 * schema, so that other tools can validate a dataset. A unit test fails when they are stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { jsonSchemas } from '../src/lib/domain/json-schema.ts';

await mkdir('static/schema', { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
	await writeFile(`static/schema/${name}`, JSON.stringify(schema, null, '\t') + '\n');
	console.log(`schema: wrote static/schema/${name}`);
}
