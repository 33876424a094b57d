import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityEnvironment, agentActivities, sandbox, treeHashes } from '../support';

describe('prepareWorkspace', () => {
  it('copies a large tree heartbeating every 200 entries, so it never outlasts its 30 s heartbeat timeout', async () => {
    const box = await sandbox();
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(box.repo, 'generated', `d${d}`), { recursive: true });
      for (let f = 0; f < 150; f++) writeFileSync(join(box.repo, 'generated', `d${d}`, `f${f}.ts`), `export const v${f} = ${d};\n`);
    }
    mkdirSync(join(box.repo, 'node_modules', 'skipped'), { recursive: true });
    writeFileSync(join(box.repo, 'node_modules', 'skipped', 'index.js'), '');
    const activityEnv = activityEnvironment();
    const beats: { copied: number }[] = [];
    activityEnv.on('heartbeat', (d: { copied: number }) => beats.push(d));
    const prepare = agentActivities(box.deps).prepareWorkspace;
    const { workspacePath } = (await activityEnv.run(prepare, { storeKey: `wf-${randomUUID()}/run`, repositoryPath: box.repo, inPlace: false })) as Awaited<ReturnType<typeof prepare>>;

    // 1,500 generated files + their 11 directories + the sample codebase: at least 7 beats after the first.
    expect(beats.length).toBeGreaterThanOrEqual(8);
    expect(beats.map((b) => b.copied)).toEqual([...beats.map((b) => b.copied)].sort((a, b) => a - b));
    const { ['node_modules/skipped/index.js']: skipped, ...source } = treeHashes(box.repo);
    expect(skipped).toBeDefined();
    expect(treeHashes(workspacePath)).toEqual(source);
  });
});
