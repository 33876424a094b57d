import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** Payloads as the Temporal UI and `temporal` CLI send them: proto JSON, bytes in base64. */
interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Origins allowed by CORS (the Temporal UI's), e.g. http://localhost:8233. */
  corsOrigins: string[];
  /** Bodies larger than this are refused (413). */
  maxBodyBytes?: number;
  /** Called for requests that fail, for the entry file to log. */
  onError?: (err: unknown, req: IncomingMessage) => void;
}

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  };
}

function toJson(p: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage, limit: number): Promise<{ payloads: JsonPayload[] }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const payloads = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) throw new HttpError(400, 'body/payloads must be an array');
  return { payloads: payloads as JsonPayload[] };
}

function setCors(req: IncomingMessage, res: ServerResponse, origins: string[]): void {
  const origin = req.headers.origin;
  if (origin && (origins.includes(origin) || origins.includes('*'))) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    // The UI sends the namespace and, when configured, the user's token.
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
  }
}

function send(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The Temporal codec server protocol: POST /encode and POST /decode with `{ payloads: [...] }`.
 * The Temporal UI (Settings → Codec Server, or `--ui-codec-endpoint`) calls /decode from the browser,
 * hence CORS. Whoever can reach this server can decrypt: bind it where only key holders reach it.
 */
export function createCodecServer(options: CodecServerOptions): Server {
  const { codec, corsOrigins } = options;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return createServer((req, res) => {
    setCors(req, res, corsOrigins);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && path === '/health') {
      send(res, 200, { status: 'ok' });
      return;
    }
    if (req.method !== 'POST' || (path !== '/encode' && path !== '/decode')) {
      send(res, 404, { message: `${req.method} ${path} not found; use POST /encode or POST /decode` });
      return;
    }
    readJson(req, limit)
      .then(async ({ payloads }) => {
        const input = payloads.map(fromJson);
        const output = path === '/encode' ? await codec.encode(input) : await codec.decode(input);
        send(res, 200, { payloads: output.map(toJson) });
      })
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          send(res, err.statusCode, { message: err.message });
          return;
        }
        options.onError?.(err, req);
        // A payload this key cannot decrypt is the caller's input, not a server fault.
        send(res, 400, { message: err instanceof Error ? err.message : 'cannot process payloads' });
      });
  });
}
