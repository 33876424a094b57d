import { useEffect, useState } from 'preact/hooks';
import { api, call } from './api';
import { getToken, onTokenChange } from './auth';

export type Role = 'operator' | 'approver';

/** What the current token may do, as the gateway says (GET /api/auth/me). */
export interface Caller {
  /** False until the gateway answered: every action is offered meanwhile, and the route still checks. */
  known: boolean;
  identity?: string;
  operator: boolean;
  approver: boolean;
}

const UNKNOWN: Caller = { known: false, operator: true, approver: true };
let cached: { token: string | undefined; caller: Promise<Caller> } | undefined;

function fetchCaller(): Promise<Caller> {
  const token = getToken();
  if (!cached || cached.token !== token) {
    const caller = call(api.GET('/api/auth/me')).then(
      (me): Caller => ({ known: true, ...(me.identity ? { identity: me.identity } : {}), operator: me.roles.includes('operator'), approver: me.roles.includes('approver') }),
      // Not known (no token yet, gateway down): offer everything; the route's 401/403 is shown as written.
      (): Caller => UNKNOWN,
    );
    cached = { token, caller };
    // A refused token must be asked again once a new one is set.
    void caller.then((c) => {
      if (!c.known && cached?.caller === caller) cached = undefined;
    });
    return caller;
  }
  return cached.caller;
}

/**
 * The caller's roles, so a screen offers only the actions they allow (the gateway still checks every
 * call). Read once per token and shared by every screen.
 */
export function useCaller(): Caller {
  const [caller, setCaller] = useState<Caller>(UNKNOWN);
  useEffect(() => {
    let live = true;
    const load = () => void fetchCaller().then((c) => live && setCaller(c));
    load();
    const off = onTokenChange(load);
    return () => {
      live = false;
      off();
    };
  }, []);
  return caller;
}

/** Says why an action is not offered: which role it needs and who the token is. */
export function roleNote(caller: Caller, role: Role, what: string): string {
  return `${what} needs the ${role} role; ${caller.identity ?? 'this token'} does not have it.`;
}
