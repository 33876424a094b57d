// TypeBox schemas for the order HTTP API: one definition gives the TypeScript type and the OpenAPI schema.
export {};
