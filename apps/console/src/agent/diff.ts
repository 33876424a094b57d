/** How a line of a unified diff is drawn: file headers, hunk headers, added, removed, context. */
export type DiffLineKind = 'file' | 'hunk' | 'add' | 'del' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/**
 * Classifies each line of a `diff -u` text (as the gateway's batch diff route returns it). Inside a hunk
 * the `@@ -a,b +c,d @@` counts say how many lines belong to it, so a removed `-- x` line (text `--- x`)
 * is a removed line, not the next file's header.
 */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let oldLeft = 0;
  let newLeft = 0;
  return lines.map((text): DiffLine => {
    if (oldLeft > 0 || newLeft > 0) {
      if (text.startsWith('+')) {
        newLeft--;
        return { kind: 'add', text };
      }
      if (text.startsWith('-')) {
        oldLeft--;
        return { kind: 'del', text };
      }
      oldLeft--;
      newLeft--;
      return { kind: 'context', text };
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(text);
    if (hunk) {
      oldLeft = Number(hunk[1] ?? 1);
      newLeft = Number(hunk[2] ?? 1);
      return { kind: 'hunk', text };
    }
    if (text.startsWith('--- ') || text.startsWith('+++ ')) return { kind: 'file', text };
    return { kind: 'context', text };
  });
}

/** "1.5 KiB": the size of a diff, for the truncation note. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
