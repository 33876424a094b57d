import type { ComponentChildren } from 'preact';

/** An API failure, in the API's own words. */
export function ErrorNote({ error }: { error: string | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function StatusBadge({ status }: { status: string | undefined }) {
  return <span class={`badge badge-${status ?? 'unknown'}`}>{status ?? 'unknown'}</span>;
}

export function Live({ connected, error }: { connected: boolean; error?: string | undefined }) {
  return (
    <span class={connected ? 'live on' : 'live off'} title={error ?? ''} data-testid="live">
      {connected ? 'live' : error ? `not live: ${error}` : 'connecting…'}
    </span>
  );
}

export function Card({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export const money = (n: number | undefined): string => (n === undefined ? '' : n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
