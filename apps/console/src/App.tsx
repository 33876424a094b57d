import { useEffect, useState } from 'preact/hooks';
import { getToken, onTokenChange, setToken, tokenRefused } from './auth';
import { href, useRoute } from './router';
import { NewOrder } from './orders/NewOrder';
import { OrderList } from './orders/OrderList';
import { OrderPage } from './orders/OrderPage';
import { MlStart } from './ml/MlStart';
import { MlRun } from './ml/MlRun';
import { AgentStart } from './agent/AgentStart';
import { AgentRun } from './agent/AgentRun';
import { MultiAgentRun } from './agent/MultiAgentRun';
import { Ops } from './ops/Ops';
import { useCaller } from './roles';

/**
 * Asks for a bearer token when the gateway refused a call (auth is on: GATEWAY_TOKENS or a JWT issuer).
 * The token stays in this tab's sessionStorage; reloading the screen retries with it.
 */
function TokenForm({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="card token"
      aria-label="Sign in"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(value.trim() || undefined);
        onDone();
      }}
    >
      <h2>Sign in</h2>
      <p>This gateway requires a bearer token (a GATEWAY_TOKENS token or a JWT). It is kept in this tab only.</p>
      <label>
        Token
        <input name="token" type="password" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}

function Screen({ route }: { route: string[] }) {
  const [section, id] = route;
  if (section === 'ops') return <Ops />;
  if (section === 'agent' && id === 'multi') return route[2] ? <MultiAgentRun workflowId={route[2]} /> : <AgentStart />;
  if (section === 'agent') return id === undefined || id === 'new' ? <AgentStart /> : <AgentRun workflowId={id} />;
  if (section === 'ml') return id === undefined || id === 'new' ? <MlStart /> : <MlRun workflowId={id} />;
  if (id === 'new') return <NewOrder />;
  if (id) return <OrderPage orderId={id} />;
  return <OrderList />;
}

export function App() {
  const route = useRoute();
  const caller = useCaller();
  const [, redraw] = useState(0);
  /** Bumped after a new token, so the screen mounts again and refetches with it. */
  const [generation, setGeneration] = useState(0);
  useEffect(() => onTokenChange(() => redraw((n) => n + 1)), []);
  const section = route[0] ?? 'orders';
  return (
    <>
      <header class="top">
        <strong>temporal-ecommerce</strong>
        <nav aria-label="Screens">
          <a href={href('orders')} aria-current={section === 'orders' ? 'page' : undefined}>
            Orders
          </a>
          <a href={href('ml')} aria-current={section === 'ml' ? 'page' : undefined}>
            ML training
          </a>
          <a href={href('agent')} aria-current={section === 'agent' ? 'page' : undefined}>
            Agent
          </a>
          {caller.operator ? (
            <a href={href('ops')} aria-current={section === 'ops' ? 'page' : undefined}>
              Operations
            </a>
          ) : null}
          <a href="/docs" target="_blank" rel="noopener noreferrer">
            API docs
          </a>
        </nav>
        {getToken() ? (
          <button type="button" class="secondary" onClick={() => setToken(undefined)}>
            Forget token
          </button>
        ) : null}
      </header>
      <main>
        {tokenRefused() ? <TokenForm onDone={() => setGeneration(generation + 1)} /> : null}
        <Screen key={`${generation}:${route.join('/')}`} route={route} />
      </main>
    </>
  );
}
