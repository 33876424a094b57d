import { useEffect, useState } from 'preact/hooks';
import { api, call, type Catalog, type CreateOrderBody } from '../api';
import { navigate } from '../router';
import { Card, ErrorNote, money } from '../ui';
import { roleNote, useCaller } from '../roles';

const newOrderId = (): string => `order-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * Place an order from the catalog: pick quantities, see the catalog total. No price is sent: the
 * gateway prices the order from the catalog and the reservation locks that price.
 */
export function NewOrder() {
  const caller = useCaller();
  const [catalog, setCatalog] = useState<Catalog['products']>();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [customerId, setCustomerId] = useState('customer-1');
  const [orderId, setOrderId] = useState(newOrderId);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call(api.GET('/api/catalog')).then((c) => setCatalog(c.products), (err: Error) => setError(err.message));
  }, []);

  const lines = (catalog ?? []).filter((p) => (quantities[p.productId] ?? 0) > 0);
  const total = lines.reduce((sum, p) => sum + Math.round(p.price * 100) * (quantities[p.productId] ?? 0), 0) / 100;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: CreateOrderBody = {
      orderId,
      customerId,
      items: lines.map((p) => ({ productId: p.productId, productName: p.name, quantity: quantities[p.productId] ?? 1 })),
    };
    try {
      const created = await call(api.POST('/api/orders', { body }));
      navigate('orders', created.orderId);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <Card title="Place an order">
      {caller.operator ? null : <p class="muted">{roleNote(caller, 'operator', 'Placing an order')}</p>}
      <form hidden={!caller.operator} onSubmit={submit} aria-label="Place an order">
        <div class="row">
          <label>
            Order id
            <input name="orderId" value={orderId} onInput={(e) => setOrderId(e.currentTarget.value)} required />
          </label>
          <label>
            Customer
            <input name="customerId" value={customerId} onInput={(e) => setCustomerId(e.currentTarget.value)} required />
          </label>
        </div>
        <table class="table">
          <thead>
            <tr>
              <th>Product</th>
              <th class="num">Price</th>
              <th class="num">In stock</th>
              <th class="num">Quantity</th>
            </tr>
          </thead>
          <tbody>
            {(catalog ?? []).map((p) => (
              <tr key={p.productId}>
                <td>
                  {p.name} <small class="muted">{p.productId}</small>
                </td>
                <td class="num">{money(p.price)}</td>
                <td class="num">{p.stock}</td>
                <td class="num">
                  <input
                    type="number"
                    min={0}
                    max={1000}
                    class="qty"
                    aria-label={`Quantity of ${p.name}`}
                    value={quantities[p.productId] ?? 0}
                    onInput={(e) => setQuantities({ ...quantities, [p.productId]: Math.max(0, Number(e.currentTarget.value) || 0) })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Catalog total: <strong data-testid="order-total">{money(total)}</strong>
          {total > 5000 ? <span class="muted"> (above 5000: the order waits for an approver)</span> : null}
        </p>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy || lines.length === 0}>
          Place order
        </button>
      </form>
    </Card>
  );
}
