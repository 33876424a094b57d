import { useEffect, useState } from 'preact/hooks';
import { api, call, type OrderList as OrderListResponse, type OrderStatus } from '../api';
import { href } from '../router';
import { Card, ErrorNote, StatusBadge, money } from '../ui';
import { useCaller } from '../roles';

/** A record, so that a status added to the API's schema fails the typecheck until it is listed here. */
const STATUS_FILTERS: Record<OrderStatus, true> = {
  pending: true,
  inventory_reserved: true,
  payment_completed: true,
  awaiting_approval: true,
  approved: true,
  shipped: true,
  completed: true,
  compensating: true,
  cancelled: true,
  failed: true,
  compensation_failed: true,
};
const STATUSES = Object.keys(STATUS_FILTERS) as OrderStatus[];
const PAGE_SIZE = 20;

/** Orders newest first from Temporal visibility, filtered by status and customer, a page at a time. */
export function OrderList() {
  const caller = useCaller();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [customerId, setCustomerId] = useState('');
  /** Tokens of the pages before the current one, so Previous works too. */
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<OrderListResponse>();
  const [error, setError] = useState<string>();
  const [reload, setReload] = useState(0);

  const token = tokens[tokens.length - 1];
  useEffect(() => {
    setError(undefined);
    const query = {
      pageSize: PAGE_SIZE,
      ...(status ? { status } : {}),
      ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
      ...(token ? { nextPageToken: token } : {}),
    };
    call(api.GET('/api/orders', { params: { query } })).then(setPage, (err: Error) => setError(err.message));
  }, [status, customerId, token, reload]);

  const refilter = () => setTokens([undefined]);

  return (
    <Card title="Orders">
      <div class="row" role="search">
        <label>
          Status
          <select
            name="status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as OrderStatus | '');
              refilter();
            }}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer
          <input
            name="customer"
            value={customerId}
            placeholder="customer id"
            onChange={(e) => {
              setCustomerId(e.currentTarget.value);
              refilter();
            }}
          />
        </label>
        <button type="button" class="secondary" onClick={() => setReload(reload + 1)}>
          Refresh
        </button>
        {caller.operator ? (
          <a class="button" href={href('orders', 'new')}>
            New order
          </a>
        ) : null}
      </div>
      <ErrorNote error={error} />
      <table class="table" data-testid="orders">
        <thead>
          <tr>
            <th>Order</th>
            <th>Customer</th>
            <th>Status</th>
            <th class="num">Total</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {(page?.orders ?? []).map((o) => (
            <tr key={o.workflowId}>
              <td>
                <a href={href('orders', o.orderId)}>{o.orderId}</a>
              </td>
              <td>{o.customerId}</td>
              <td>
                <StatusBadge status={o.status ?? o.executionStatus} />
              </td>
              <td class="num">{money(o.totalAmount)}</td>
              <td>{new Date(o.startTime).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.orders.length === 0 ? <p class="muted">No orders match.</p> : null}
      <div class="row">
        <button type="button" class="secondary" disabled={tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>
          Previous
        </button>
        <button type="button" class="secondary" disabled={!page?.nextPageToken} onClick={() => setTokens([...tokens, page?.nextPageToken])}>
          Next
        </button>
      </div>
    </Card>
  );
}
