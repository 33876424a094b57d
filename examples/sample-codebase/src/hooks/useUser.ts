import { User } from '../models/User';
import * as cache from '../lib/cache';

export interface UserState {
  user: User | undefined;
  loading: boolean;
  error: string | null;
}

export function useUser(email: string | null): UserState {
  if (email == null) return { user: undefined, loading: false, error: null };
  const cached = cache.get<User>('user:' + email);
  if (cached) return { user: cached, loading: false, error: null };
  const user = User.findByEmail(email);
  if (user == undefined) return { user: undefined, loading: false, error: 'not found' };
  cache.set('user:' + email, user, 60_000);
  return { user, loading: false, error: null };
}

export function displayName(state: UserState): string {
  if (state.loading) return '…';
  if (state.user) return state.user.name;
  return 'Guest';
}
