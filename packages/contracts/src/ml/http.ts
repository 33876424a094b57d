// TypeBox schemas for the ml HTTP API: one definition gives the TypeScript type and the OpenAPI schema.
export {};
