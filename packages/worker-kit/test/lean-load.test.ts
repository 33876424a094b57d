import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutSourcesContent } from '../src';

const inline = (map: object) => `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
const mapOf = (code: string) => JSON.parse(Buffer.from(code.slice(code.indexOf('base64,') + 7).trim(), 'base64').toString('utf8')) as Record<string, unknown>;

describe('withoutSourcesContent', () => {
  it("drops the inline source map's module texts and keeps the code and the mappings the SDK needs", () => {
    const code = 'var a = 1;\n';
    const map = { version: 3, file: 'bundle.js', sources: ['a.ts'], names: [], mappings: 'AAAA', sourcesContent: ['const a = 1;\n'.repeat(100)] };
    const lean = withoutSourcesContent(`${code}${inline(map)}\n`);
    expect(lean.startsWith(code)).toBe(true);
    expect(lean).toContain('//# sourceMappingURL=data:application/json;charset=utf-8;base64,');
    const { sourcesContent, ...rest } = map;
    expect(sourcesContent).toBeDefined();
    expect(mapOf(lean)).toEqual(rest);
  });

  it('leaves code without an inline source map as it is', () => {
    expect(withoutSourcesContent('var a = 1;\n')).toBe('var a = 1;\n');
  });
});

describe("worker-kit's import cost", () => {
  it('does not load OpenTelemetry or pino-pretty until a worker asks for tracing or pretty logs', () => {
    // The built package, as a worker loads it (vitest's own module graph would not show Node's require cache).
    const dist = path.join(__dirname, '..', 'dist', 'index.js');
    const loaded = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(dist)}); console.log(JSON.stringify(Object.keys(require.cache)))`], { encoding: 'utf8' });
    const modules = JSON.parse(loaded) as string[];
    expect(modules.some((m) => m.includes('@temporalio/worker'))).toBe(true);
    expect(modules.filter((m) => m.includes('@opentelemetry') || m.includes('pino-pretty'))).toEqual([]);
  });
});
