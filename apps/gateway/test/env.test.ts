import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/env';

describe('loadConfig', () => {
  it('uses the local-dev defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3001,
      host: '127.0.0.1',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      temporalUiUrl: 'http://localhost:8233',
      logLevel: 'info',
      orderApprovalTimeout: '24 hours',
      orderCompletionDelay: '7 days',
      rateLimit: { max: 600, timeWindow: '1 minute' },
      bodyLimit: 1024 * 1024,
    });
    // Dev mode: no auth, no tracing, payloads in clear, plain gRPC.
    expect(config.auth).toBeUndefined();
    expect(config.tracing).toBeUndefined();
    expect(config.encryption).toBeUndefined();
    expect(config.temporalTls).toBeUndefined();
  });

  it('reads order durations and rejects ones that are not durations', () => {
    expect(loadConfig({ ORDER_COMPLETION_DELAY: '2 minutes' }).orderCompletionDelay).toBe('2 minutes');
    expect(() => loadConfig({ ORDER_APPROVAL_TIMEOUT: 'tomorrow' })).toThrow('ORDER_APPROVAL_TIMEOUT must be a duration such as "7 days" or "90s", got "tomorrow"');
  });

  it('reads overrides and converts the port to a number', () => {
    const config = loadConfig({ PORT: '3401', HOST: '0.0.0.0', TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_UI_URL: 'http://ui:8080/', LOG_LEVEL: 'debug' });
    expect(config).toMatchObject({ port: 3401, host: '0.0.0.0', temporalAddress: 'temporal:7233', temporalUiUrl: 'http://ui:8080', logLevel: 'debug' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3001);
  });

  it('rejects bad values with an error naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', TEMPORAL_ADDRESS: 'no-port', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be a whole number from 0 to 65535, got "abc"');
    expect(message).toContain('TEMPORAL_ADDRESS must be host:port, got "no-port"');
    expect(message).toContain('LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "loud"');
  });
});
