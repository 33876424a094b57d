import { Type } from '@sinclair/typebox';

/**
 * One event of a progress stream, as the schema of a text/event-stream response (OpenAPI 3.1 describes
 * each event): `first` carries the JSON of the resource's GET (`resource`), then `end`, or `idle` when the
 * stream times out. Every stream the gateway serves has this shape, so a client parses them all alike.
 */
export function StreamEventSchema(title: string, first: string, resource: string) {
  return Type.Object(
    {
      event: Type.Unsafe<string>({ type: 'string', enum: [first, 'end', 'idle'] }),
      data: Type.String({
        contentMediaType: 'application/json',
        description: `\`${first}\`: the JSON of GET ${resource}; \`end\`: \`{ status }\`; \`idle\`: \`{ idleTimeoutMs }\``,
      }),
      id: Type.Optional(Type.String({ description: `On \`${first}\`: \`<runId>.<historyLength>\`; send it back as Last-Event-ID to resume` })),
      retry: Type.Optional(Type.Integer()),
    },
    { title },
  );
}
