// Owned by the ml domain. Sandbox-safe: names, message definitions and types only.
export {};
