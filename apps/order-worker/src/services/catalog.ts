/** Products the inventory starts with: those of examples/*.json and a few more, with ample stock. */
export const CATALOG: readonly { productId: string; name: string; priceCents: number; initialStock: number }[] = [
  { productId: 'laptop-001', name: 'Laptop', priceCents: 129_999, initialStock: 1_000 },
  { productId: 'mouse-001', name: 'Mouse', priceCents: 2_999, initialStock: 5_000 },
  { productId: 'server-001', name: 'Enterprise Server', priceCents: 89_999, initialStock: 500 },
  { productId: 'keyboard-001', name: 'Keyboard', priceCents: 7_999, initialStock: 2_000 },
  { productId: 'monitor-001', name: 'Monitor', priceCents: 34_999, initialStock: 800 },
  // One unit only: lets a demo or test run out of stock without draining the others.
  { productId: 'limited-001', name: 'Limited Edition Console', priceCents: 49_999, initialStock: 1 },
];
