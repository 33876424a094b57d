import fp from 'fastify-plugin';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

declare module 'fastify' {
  interface FastifyRequest {
    otelSpan?: Span;
  }
}

export interface GatewayTracing {
  tracer: Tracer;
  /** Flushes pending spans; server.ts calls it after the app has closed. */
  shutdown: () => Promise<void>;
}

/**
 * Registers a global tracer provider (async-hooks context, W3C propagation) so the Temporal client's
 * OpenTelemetry interceptor finds the request's span and puts it in the workflow's headers.
 */
export function startGatewayTracing(options: { otlpEndpoint: string } | { spanProcessor: SpanProcessor }): GatewayTracing {
  const spanProcessor =
    'spanProcessor' in options
      ? options.spanProcessor
      : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }));
  const provider = new NodeTracerProvider({ resource: new Resource({ 'service.name': 'gateway' }), spanProcessors: [spanProcessor] });
  provider.register();
  return { tracer: provider.getTracer('gateway'), shutdown: () => provider.shutdown() };
}

/**
 * A server span per request, active while the handler runs, so workflow calls become its children. A
 * caller's W3C `traceparent` (read by the propagator provider.register() installs) makes it the parent,
 * so one trace runs from the caller through the gateway into the workflow; a malformed one is ignored.
 */
export default fp<{ tracer: Tracer }>(
  async (fastify, { tracer }) => {
    fastify.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const caller = propagation.extract(ROOT_CONTEXT, request.headers);
      request.otelSpan = tracer.startSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'url.path': request.url.split('?')[0] } },
        caller,
      );
    });
    // Callback style on purpose: the handler runs inside done(), so inside the span's context.
    fastify.addHook('preHandler', (request, _reply, done) => {
      if (!request.otelSpan) return done();
      context.with(trace.setSpan(context.active(), request.otelSpan), done);
    });
    fastify.addHook('onResponse', async (request, reply) => {
      const span = request.otelSpan;
      if (!span) return;
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  },
  { name: 'tracing' },
);
