import { request as httpRequest } from 'node:http';

/** Where `pnpm start`'s supervisor listens for this gateway (infra/src/control.ts); set only by it. */
export interface SupervisorConfig {
  socketPath: string;
  token: string;
}

/** The supervisor did not answer (it went away, or this gateway was started without it): 503. */
export class SupervisorUnavailableError extends Error {
  override name = 'SupervisorUnavailableError';
}

/** The supervisor refused a request (a 4xx in its words): the same status to our caller. */
export class SupervisorRefusedError extends Error {
  override name = 'SupervisorRefusedError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SupervisorClient {
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

const MAX_ANSWER_BYTES = 1 << 20;

/**
 * JSON over the supervisor's Unix socket, with its secret and a deadline. The socket is in a directory
 * only this user can enter; the secret makes a process of the same user that did not get it from the
 * supervisor (anything but its gateway) unable to use it.
 */
export function supervisorClient(config: SupervisorConfig, timeoutMs: number): SupervisorClient {
  return {
    call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise<T>((resolve, reject) => {
        const req = httpRequest(
          {
            socketPath: config.socketPath,
            path,
            method,
            timeout: timeoutMs,
            headers: { authorization: `Bearer ${config.token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_ANSWER_BYTES) req.destroy(new SupervisorUnavailableError('The supervisor sent an answer too large'));
              else chunks.push(chunk);
            });
            res.on('end', () => {
              let parsed: unknown;
              try {
                parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                return reject(new SupervisorUnavailableError(`The supervisor answered ${res.statusCode} without JSON`));
              }
              const status = res.statusCode ?? 500;
              if (status >= 200 && status < 300) return resolve(parsed as T);
              const message = (parsed as { message?: unknown }).message;
              if (status >= 400 && status < 500 && typeof message === 'string') return reject(new SupervisorRefusedError(status, message));
              reject(new SupervisorUnavailableError(`The supervisor answered ${status}`));
            });
            res.on('error', (err) => reject(new SupervisorUnavailableError(err.message)));
          },
        );
        req.on('timeout', () => req.destroy(new SupervisorUnavailableError(`The supervisor did not answer within ${timeoutMs / 1000} s`)));
        req.on('error', (err) => reject(err instanceof SupervisorUnavailableError ? err : new SupervisorUnavailableError(`The supervisor is not reachable (${(err as NodeJS.ErrnoException).code ?? err.message}): is pnpm start still running?`)));
        req.end(payload);
      });
    },
  };
}
