import { useEffect, useState } from 'preact/hooks';
import { api, call, type OrderDetails } from '../api';
import { followStream } from '../sse';
import { Card, ErrorNote, Live, StatusBadge, money } from '../ui';
import { roleNote, useCaller } from '../roles';
import { orderActions } from './actions';
import { orderTimeline } from './timeline';

/** One order: its saga timeline, live from the order's event stream, and the actions the workflow accepts now. */
export function OrderPage({ orderId }: { orderId: string }) {
  const caller = useCaller();
  const [order, setOrder] = useState<OrderDetails>();
  const [live, setLive] = useState<{ connected: boolean; error?: string }>({ connected: false });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [approver, setApprover] = useState('ops@example.com');
  const [reason, setReason] = useState('');

  useEffect(() => {
    setOrder(undefined);
    setError(undefined);
    call(api.GET('/api/orders/{orderId}', { params: { path: { orderId } } })).then(setOrder, (err: Error) => setError(err.message));
    return followStream(`/api/orders/${encodeURIComponent(orderId)}/events`, 'state', {
      onData: (data) => setOrder(data as OrderDetails),
      onEnd: () => setLive({ connected: false, error: 'order closed' }),
      onStatus: setLive,
    });
  }, [orderId]);

  async function act(request: () => Promise<OrderDetails>) {
    setBusy(true);
    setError(undefined);
    try {
      setOrder(await request());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const path = { orderId };
  const decide = (approved: boolean) =>
    act(() => call(api.POST('/api/orders/{orderId}/approve', { params: { path }, body: { approved, approvedBy: caller.identity ?? approver, ...(reason ? { reason } : {}) } })));
  const cancel = () => act(() => call(api.POST('/api/orders/{orderId}/cancel', { params: { path }, body: reason ? { reason } : {} })));

  if (!order) {
    return (
      <Card title={`Order ${orderId}`}>
        <ErrorNote error={error} />
        {error ? null : <p class="muted">Loading…</p>}
      </Card>
    );
  }
  const can = orderActions(order.status);
  return (
    <>
      <Card title={`Order ${order.orderId}`}>
        <p class="row">
          <StatusBadge status={order.status} />
          <span>customer {order.customerId}</span>
          <span>total {money(order.totalAmount)}</span>
          <Live connected={live.connected} error={live.error} />
          <a href={order.uiLink} target="_blank" rel="noopener noreferrer">
            Open the run in the Temporal UI
          </a>
        </p>
        <ul class="items">
          {order.items.map((item) => (
            <li key={item.productId}>
              {item.quantity} × {item.productName} at {money(item.price)}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Saga timeline">
        <ol class="timeline" data-testid="timeline">
          {orderTimeline(order).map((step) => (
            <li key={step.key} class={`step ${step.state}`} data-step={step.key} data-state={step.state}>
              <span class="step-label">{step.label}</span>
              {step.detail ? <span class="step-detail">{step.detail}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
      <Card title="Actions">
        <div class="row">
          {caller.identity ? (
            // With auth on, the gateway records the token's identity as the approver, whatever the body says.
            <p class="muted" data-testid="approver-identity">
              Approver: {caller.identity} (from your token)
            </p>
          ) : (
            <label>
              Approver
              <input name="approvedBy" value={approver} onInput={(e) => setApprover(e.currentTarget.value)} />
            </label>
          )}
          <label>
            Reason
            <input name="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
          </label>
        </div>
        <div class="row">
          {caller.approver ? (
            <>
              <button type="button" disabled={busy || !can.approve} onClick={() => decide(true)}>
                Approve
              </button>
              <button type="button" class="danger" disabled={busy || !can.reject} onClick={() => decide(false)}>
                Reject
              </button>
            </>
          ) : null}
          {caller.operator ? (
            <button type="button" class="danger" disabled={busy || !can.cancel} onClick={cancel}>
              {order.status === 'shipped' ? 'Cancel (return)' : 'Cancel'}
            </button>
          ) : null}
        </div>
        {caller.approver ? null : <p class="muted">{roleNote(caller, 'approver', 'Approving or rejecting')}</p>}
        {caller.operator ? null : <p class="muted">{roleNote(caller, 'operator', 'Cancelling')}</p>}
        <ErrorNote error={error} />
      </Card>
    </>
  );
}
