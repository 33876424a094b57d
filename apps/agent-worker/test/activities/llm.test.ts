import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { createAnthropicReviewer } from '../../src/activities/llm';
import { createSourceFileActivities, type FileSummary } from '../../src/activities/source-files';
import { sandbox } from '../support';

interface Seen {
  apiKey: string | undefined;
  body: { model: string; max_tokens: number; system: string; messages: { role: string; content: string }[] };
}

/** A local server speaking the Messages API (POST /v1/messages); the answer depends on the API key. */
let server: Server;
let baseURL: string;
const seen: Seen[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    // The SDK authenticates with x-api-key or a bearer token, depending on its version and options.
    const apiKey = (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer /, '');
    seen.push({ apiKey, body });
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || req.url !== '/v1/messages') {
      res.statusCode = 404;
      return res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'no such route' } }));
    }
    if (apiKey === 'bad-key') {
      res.statusCode = 401;
      return res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    }
    const text =
      apiKey === 'prose-key'
        ? 'Looks fine to me!'
        : JSON.stringify({ issues: [{ severity: 'high', type: 'security-risk', message: 'Token compared without constant-time check', line: 3 }, { severity: 'bogus', message: 'dropped' }] });
    res.end(
      JSON.stringify({
        id: 'msg_local_1',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1200, output_tokens: 300 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('LLM analyser through the Anthropic SDK', () => {
  it('sends the file to the Messages API and returns its issues with the reported usage', async () => {
    const reviewer = createAnthropicReviewer({ apiKey: 'good-key', baseURL, model: 'claude-test-model' });
    const review = await reviewer.review('src/a.ts', 'const a = 1;\n', ['security']);
    expect(review).toEqual({
      issues: [{ severity: 'high', type: 'security-risk', message: 'Token compared without constant-time check', line: 3, file: 'src/a.ts', rule: 'llm' }],
      inputTokens: 1200,
      outputTokens: 300,
      model: 'claude-test-model',
    });
    const request = seen.at(-1)!;
    expect(request.apiKey).toBe('good-key');
    expect(request.body.model).toBe('claude-test-model');
    expect(request.body.messages[0]!.content).toContain('const a = 1;');
  });

  it('makes a rejected key non-retryable and a prose answer an LlmResponseInvalid failure', async () => {
    const bad = createAnthropicReviewer({ apiKey: 'bad-key', baseURL, model: 'm' });
    const rejected = await bad.review('a.ts', 'x', ['security']).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ApplicationFailure);
    expect(rejected).toMatchObject({ type: ErrorType.LlmRequestRejected, nonRetryable: true });

    const prose = createAnthropicReviewer({ apiKey: 'prose-key', baseURL, model: 'm' });
    const invalid = await prose.review('a.ts', 'x', ['security']).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ type: ErrorType.LlmResponseInvalid, nonRetryable: false });
  });

  it('makes analyzeFile charge the usage the API reported, at the configured LLM prices', async () => {
    const box = await sandbox();
    const reviewer = createAnthropicReviewer({ apiKey: 'good-key', baseURL, model: 'claude-test-model' });
    const activities = createSourceFileActivities({ ...box.deps, llm: { reviewer, pricing: { inputPer1K: 0.003, outputPer1K: 0.015 } } });
    const summary: FileSummary = await new MockActivityEnvironment().run(activities.analyzeFile, {
      storeKey: 'k',
      repositoryPath: box.repo,
      file: 'src/utils/api.ts',
      strategy: 'thorough' as const,
    });
    // 1.2K input tokens at $0.003 + 0.3K output tokens at $0.015.
    expect(summary.cost).toBeCloseTo(0.0081, 10);
    expect(summary.issueCounts.high).toBeGreaterThanOrEqual(1);
    const stored = (await box.store.fileResults('k'))[0]!;
    expect(stored).toMatchObject({ analyser: 'static+llm', inputTokens: 1200, outputTokens: 300 });
    expect(stored.analysis.issues.some((i) => i.rule === 'llm')).toBe(true);
    expect(stored.analysis.issues.some((i) => i.rule === 'eval')).toBe(true);
  });
});
