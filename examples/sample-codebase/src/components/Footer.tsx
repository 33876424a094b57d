import { h } from '../lib/html';
import { APP_NAME } from '../config/constants';

export function Footer(props: { year: number }): string {
  return (
    <footer>
      <small>{copyright(props.year)}</small>
    </footer>
  );
}

function copyright(year: number): string {
  return '© ' + year + ' ' + APP_NAME;
  console.log('rendered footer');
}

function legacyCopyright(): string {
  return '(c) 2019 Sample Shop Inc.';
}
