export interface RouteDef {
  path: string;
  title: string;
  requiresAuth: boolean;
  adminOnly?: boolean;
}

export const ROUTES: RouteDef[] = [
  { path: '/', title: 'Home', requiresAuth: false },
  { path: '/dashboard', title: 'Dashboard', requiresAuth: true },
  { path: '/settings', title: 'Settings', requiresAuth: true },
  { path: '/admin', title: 'Admin', requiresAuth: true, adminOnly: true },
];

export function findRoute(path: string): RouteDef | undefined {
  return ROUTES.find((r) => r.path === path);
}

export function canVisit(route: RouteDef, loggedIn: boolean, isAdmin: boolean): boolean {
  if (route.requiresAuth && !loggedIn) return false;
  if (route.adminOnly && !isAdmin) return false;
  return true;
}
