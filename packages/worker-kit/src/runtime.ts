import type pino from 'pino';
import { Runtime, type RuntimeOptions as SdkRuntimeOptions } from '@temporalio/worker';
import { PinoSdkLogger } from './logger';

export interface RuntimeOptions {
  /**
   * host:port where the SDK runtime serves Prometheus metrics at /metrics (worker task latencies,
   * poller counts, activity and workflow outcomes, all prefixed `temporal_`). Undefined: no metrics.
   */
  metricsAddress?: string;
}

let installed: { logger: pino.Logger; metricsAddress?: string } | undefined;

function telemetryOptions(options: RuntimeOptions): SdkRuntimeOptions['telemetryOptions'] {
  return {
    logging: {
      forward: {},
      filter: { core: 'WARN', other: 'ERROR' },
    },
    ...(options.metricsAddress
      ? {
          metrics: {
            // Prometheus conventions, so dashboards built for other Temporal SDKs work as they are.
            prometheus: { bindAddress: options.metricsAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
          },
        }
      : {}),
  };
}

/**
 * Installs the SDK Runtime once, with SDK and core logs going to `logger` and, when `metricsAddress` is
 * set, a Prometheus endpoint. Call it before creating any connection or worker: the SDK creates a default
 * Runtime on first use and it cannot be replaced later. Calling it again is a no-op (it warns when asked
 * for different metrics), so `runWorker` can call it for callers that did not.
 */
export function installRuntime(logger: pino.Logger, options: RuntimeOptions = {}): Runtime {
  if (installed) {
    if (options.metricsAddress && options.metricsAddress !== installed.metricsAddress) {
      logger.warn({ requested: options.metricsAddress, serving: installed.metricsAddress ?? null }, 'Temporal Runtime already installed; metrics address unchanged');
    }
    return Runtime.instance();
  }
  if (Runtime._instance !== undefined) {
    logger.warn('Temporal Runtime was created before installRuntime(); SDK logs and metrics keep their defaults');
    installed = { logger };
    return Runtime.instance();
  }
  const sdkLogger = new PinoSdkLogger(logger.child({ component: 'temporal-sdk' }));
  let runtime: Runtime;
  try {
    runtime = Runtime.install({ logger: sdkLogger, telemetryOptions: telemetryOptions(options) });
  } catch (err) {
    if (!options.metricsAddress) throw err;
    // A taken port (a second worker on this host) must not stop workflows from running: go on without metrics.
    logger.error({ err, metricsAddress: options.metricsAddress }, 'cannot serve Prometheus metrics; running without them (set METRICS_PORT to a free port or "off")');
    runtime = Runtime.install({ logger: sdkLogger, telemetryOptions: telemetryOptions({}) });
    installed = { logger };
    return runtime;
  }
  installed = { logger, ...(options.metricsAddress ? { metricsAddress: options.metricsAddress } : {}) };
  if (options.metricsAddress) logger.info({ metrics: `http://${options.metricsAddress}/metrics` }, 'serving Prometheus metrics');
  return runtime;
}
