import { h } from '../lib/html';

export interface Order {
  id: number;
  userId: number;
  lines: { sku: string; quantity: number; priceCents: number }[];
}

// For each customer, total spend per SKU: three nested loops over the same data.
export function spendBySku(orders: Order[], userIds: number[], skus: string[]): Record<number, Record<string, number>> {
  const result: Record<number, Record<string, number>> = {};
  for (const userId of userIds) {
    result[userId] = {};
    for (const sku of skus) {
      let total = 0;
      for (const order of orders) {
        if (order.userId === userId) {
          for (const line of order.lines) {
            if (line.sku === sku) {
              total += line.quantity * line.priceCents;
            }
          }
        }
      }
      result[userId][sku] = total;
    }
  }
  return result;
}

export function statusBadge(order: Order, shipped: boolean, refunded: boolean, vip: boolean): string {
  if (refunded) return 'refunded';
  if (shipped && vip) return 'shipped-priority';
  if (shipped) return 'shipped';
  if (order.lines.length === 0) return 'empty';
  if (vip && order.lines.length > 10) return 'bulk-vip';
  return order.lines.some((l) => l.quantity > 5) ? 'bulk' : 'pending';
}

export function DashboardPage(props: { orders: Order[] }): string {
  return (
    <section className="dashboard">
      <h2>Orders</h2>
      <p>{props.orders.length} orders</p>
    </section>
  );
}
