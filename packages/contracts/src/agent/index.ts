// Owned by the agent domain. Sandbox-safe: names, message definitions and types only.
export {};
