import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export type TracingOptions =
  /** OTLP/HTTP collector base URL, e.g. http://127.0.0.1:4318 (spans go to <url>/v1/traces). */
  | { otlpEndpoint: string }
  /** Where spans go, for tests (an in-memory exporter) or a custom pipeline. */
  | { spanProcessor: SpanProcessor };

export interface WorkerTracing {
  plugin: OpenTelemetryPlugin;
  /** Flushes pending spans; call when the worker has stopped. */
  shutdown: () => Promise<void>;
}

/**
 * The SDK's OpenTelemetry plugin: a span per workflow run, activity execution, signal, query and update,
 * parented to the caller's span that the client (the gateway) put in the headers. Workflow spans leave the
 * sandbox through a sink and are exported here, once per span and never on replay.
 */
export function createWorkerTracing(service: string, options: TracingOptions): WorkerTracing {
  const resource = new Resource({ 'service.name': service });
  const spanProcessor =
    'spanProcessor' in options
      ? options.spanProcessor
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  const plugin = new OpenTelemetryPlugin({ resource, spanProcessor, tracer: provider.getTracer('temporal-ecommerce') });
  return { plugin, shutdown: () => provider.shutdown() };
}
