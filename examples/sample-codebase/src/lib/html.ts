// A tiny JSX factory that renders to HTML strings, so components can be tested without a browser.
export type Child = string | number | boolean | null | undefined | Child[];

function renderChildren(children: Child[]): string {
  return children
    .flat(Infinity as 1)
    .filter((c) => c !== null && c !== undefined && c !== false && c !== true)
    .map((c) => String(c))
    .join('');
}

export function h(tag: string | ((props: Record<string, unknown>) => string), props: Record<string, unknown> | null, ...children: Child[]): string {
  if (typeof tag === 'function') return tag({ ...(props ?? {}), children });
  const attrs = Object.entries(props ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k, v]) => ` ${k === 'className' ? 'class' : k}="${String(v)}"`)
    .join('');
  return `<${tag}${attrs}>${renderChildren(children)}</${tag}>`;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = string;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}
