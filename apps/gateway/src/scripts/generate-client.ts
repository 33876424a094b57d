import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openApiArtifacts } from '../client/generate';

/** Writes src/client/openapi.json and src/client/schema.ts; test/client/openapi.test.ts fails while they are stale. */
async function run(): Promise<void> {
  const { json, types } = await openApiArtifacts();
  const dir = path.join(__dirname, '../../src/client');
  await writeFile(path.join(dir, 'openapi.json'), json);
  await writeFile(path.join(dir, 'schema.ts'), types);
  console.log(`wrote ${path.join(dir, 'openapi.json')} and schema.ts`);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
