import { h } from '../lib/html';
import { ROUTES, canVisit } from '../config/routes';

export function Header(props: { title: string; user: any }): string {
  const loggedIn = props.user != null;
  const isAdmin = loggedIn && props.user.role == 'admin';
  return (
    <header>
      <h1>{props.title}</h1>
      <nav>
        {ROUTES.filter((r) => canVisit(r, loggedIn, isAdmin)).map((r) => (
          <a href={r.path}>{r.title}</a>
        ))}
      </nav>
      {loggedIn ? <span className="user">{props.user.name}</span> : <a href="/login">Sign in</a>}
    </header>
  );
}
