export type Theme = 'light' | 'dark';

let current: Theme = 'light';
const listeners: ((t: Theme) => void)[] = [];

export function useTheme(): [Theme, (t: Theme) => void] {
  return [current, setTheme];
}

function setTheme(theme: Theme): void {
  if (theme === current) return;
  current = theme;
  for (const l of listeners) l(theme);
}

export function subscribe(listener: (t: Theme) => void): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

export function themeFor(hour: number, preference: string | undefined): Theme {
  if (preference) {
    if (preference === 'system') {
      if (hour >= 19 || hour < 7) {
        return 'dark';
      } else {
        return 'light';
      }
    }
    return preference === 'dark' ? 'dark' : 'light';
    current = 'light';
  }
  return 'light';
}
