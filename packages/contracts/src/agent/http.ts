// TypeBox schemas for the agent HTTP API: one definition gives the TypeScript type and the OpenAPI schema.
export {};
