import Anthropic from '@anthropic-ai/sdk';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SEVERITIES, type Issue, type Severity } from '@temporal-ecommerce/contracts/agent';
import type { RuleCategory } from '../analysis/rules';

export interface LlmReview {
  issues: Issue[];
  inputTokens: number;
  outputTokens: number;
  model: string;
}

/** A second opinion on one file from a language model. */
export interface LlmReviewer {
  review(file: string, text: string, categories: readonly RuleCategory[], signal?: AbortSignal): Promise<LlmReview>;
}

export interface AnthropicReviewerOptions {
  apiKey: string;
  /** Default https://api.anthropic.com; tests point it at a local server. */
  baseURL?: string;
  model: string;
  maxTokens?: number;
}

const SYSTEM_PROMPT =
  'You review TypeScript source files. Answer with JSON only, no prose: ' +
  '{"issues":[{"severity":"critical|high|medium|low","type":"security-risk|correctness|maintainability|performance-issue|type-safety","message":"...","line":1}]}. ' +
  'Report only real problems; an empty list is a fine answer.';

function parseIssues(file: string, text: string): Issue[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    parsed = undefined;
  }
  const list = (parsed as { issues?: unknown } | undefined)?.issues;
  if (start < 0 || !Array.isArray(list)) {
    throw ApplicationFailure.create({ type: ErrorType.LlmResponseInvalid, message: `LLM review of ${file} was not the requested JSON` });
  }
  return list.flatMap((raw): Issue[] => {
    const i = raw as Partial<Issue>;
    if (typeof i.message !== 'string' || !SEVERITIES.includes(i.severity as Severity)) return [];
    const line = Number.isInteger(i.line) && (i.line as number) > 0 ? (i.line as number) : 1;
    return [{ severity: i.severity as Severity, type: typeof i.type === 'string' ? i.type : 'maintainability', message: i.message, line, file, rule: 'llm' }];
  });
}

/**
 * Reviews through the Anthropic Messages API with the official SDK. The SDK's own retries are off:
 * Temporal retries the activity, so a retry is visible in history and bounded by its policy. Client
 * errors other than rate limits (bad key, bad request) are not retryable.
 */
export function createAnthropicReviewer(options: AnthropicReviewerOptions): LlmReviewer {
  const client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL ?? null, maxRetries: 0, timeout: 120_000 });
  return {
    async review(file, text, categories, signal) {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create(
          {
            model: options.model,
            max_tokens: options.maxTokens ?? 1024,
            system: SYSTEM_PROMPT,
            messages: [{ role: 'user', content: `Focus: ${categories.join(', ')}.\nFile: ${file}\n\n${text}` }],
          },
          { signal },
        );
      } catch (err) {
        if (err instanceof Anthropic.APIError && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
          throw ApplicationFailure.create({ type: ErrorType.LlmRequestRejected, message: `Anthropic API answered ${err.status}: ${err.message}`, nonRetryable: true });
        }
        throw err;
      }
      const answer = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      return { issues: parseIssues(file, answer), inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens, model: message.model };
    },
  };
}
