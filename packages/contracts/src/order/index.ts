// Owned by the order domain. Sandbox-safe: names, message definitions and types only.
export {};
