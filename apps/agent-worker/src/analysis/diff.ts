import type { BatchDiffRecord } from '@temporal-ecommerce/contracts/agent';

/**
 * Unified diffs of what a refactor batch changed, for a reviewer (the console's batch table). Pure: the
 * activity computes them from the bytes it saved before the batch and the bytes it wrote.
 */

/** Lines of context around each change, as `diff -u` prints them. */
const CONTEXT = 3;
/**
 * Above this many cells (old lines × new lines, after the common head and tail are cut) the middle is
 * shown as removed then added instead of aligned: the alignment table would cost more memory than the
 * diff is worth. The fixes are small, local edits, so real batches stay far below it.
 */
const MAX_ALIGN_CELLS = 4_000_000;

export interface FileDiff {
  file: string;
  added: number;
  removed: number;
  /** `--- a/file`, `+++ b/file`, then the hunks; empty when nothing changed. */
  text: string;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Longest-common-subsequence alignment of the middle part (the head and tail both files share cut first). */
function align(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_ALIGN_CELLS) {
    ops.push(...midA.map((line): Op => ({ kind: '-', line })), ...midB.map((line): Op => ({ kind: '+', line })));
  } else {
    // lcs[i][j]: common lines of midA[i..] and midB[j..], in one flat array.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = midA[i] === midB[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ kind: ' ', line: midA[i++]! });
        j++;
      } else if (j === m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
        // On a tie the removal goes first: a replaced block reads as removed lines, then added ones (diff -u).
        ops.push({ kind: '-', line: midA[i++]! });
      } else {
        ops.push({ kind: '+', line: midB[j++]! });
      }
    }
  }
  ops.push(...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

/** `diff -u a/file b/file` of one file's text before and after. */
export function unifiedDiff(file: string, before: string, after: string): FileDiff {
  const ops = align(splitLines(before), splitLines(after));
  const added = ops.filter((o) => o.kind === '+').length;
  const removed = ops.filter((o) => o.kind === '-').length;
  if (added + removed === 0) return { file, added, removed, text: '' };

  const out = [`--- a/${file}`, `+++ b/${file}`];
  // Group the changes into hunks: changes closer than 2 × CONTEXT unchanged lines share one.
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    let unchangedRun = 0;
    for (let p = k; p < ops.length; p++) {
      if (ops[p]!.kind === ' ') {
        if (++unchangedRun > 2 * CONTEXT) break;
      } else {
        unchangedRun = 0;
        end = p;
      }
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    // Line numbers where the hunk starts in each file: count the lines of each side before it.
    let oldLine = 1;
    let newLine = 1;
    for (let p = 0; p < start; p++) {
      if (ops[p]!.kind !== '+') oldLine++;
      if (ops[p]!.kind !== '-') newLine++;
    }
    const body = ops.slice(start, stop);
    const oldCount = body.filter((o) => o.kind !== '+').length;
    const newCount = body.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${oldCount === 0 ? oldLine - 1 : oldLine},${oldCount} +${newCount === 0 ? newLine - 1 : newLine},${newCount} @@`);
    for (const o of body) out.push(`${o.kind}${o.line}`);
    k = stop;
  }
  return { file, added, removed, text: `${out.join('\n')}\n` };
}

/** The files' diffs one after the other, cut at the cap (`truncated`), with the full size in `bytes`. */
export type BatchDiff = BatchDiffRecord;

/**
 * The batch's diffs joined, at most `capBytes` of UTF-8 (cut at a line end, and said so): a reviewer
 * reads a page, not a megabyte, and the store row stays small.
 */
export function batchDiff(diffs: readonly FileDiff[], capBytes: number): BatchDiff {
  const full = diffs.map((d) => d.text).join('');
  const bytes = Buffer.byteLength(full);
  let diff = full;
  let truncated = false;
  if (bytes > capBytes) {
    truncated = true;
    const cut = Buffer.from(full).subarray(0, capBytes).toString('utf8');
    const lastNewline = cut.lastIndexOf('\n');
    // A cut inside a multi-byte character leaves U+FFFD at the end; cutting at the last line end drops it.
    diff = lastNewline >= 0 ? cut.slice(0, lastNewline + 1) : '';
  }
  return { files: diffs.map(({ file, added, removed }) => ({ file, added, removed })), diff, truncated, bytes };
}
