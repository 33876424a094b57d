/**
 * The billing domain's public contract (docs/nexus.md): payments as a service of their own, in their own
 * namespace, reached from other namespaces only through a Nexus endpoint. Sandbox-safe: names only.
 */

/** The namespace billing's workflows and workers run in. */
export const BILLING_NAMESPACE = 'billing';
/** The task queue billing's worker polls in BILLING_NAMESPACE: the Nexus endpoint's target. */
export const BILLING_TASK_QUEUE = 'billing-payments';
/** The Nexus endpoint callers in other namespaces name; it routes to BILLING_TASK_QUEUE in BILLING_NAMESPACE. */
export const BILLING_NEXUS_ENDPOINT = 'billing';
