import { findIssues, parseSource, type TextEdit } from './analyzer';
import type { RuleId } from './rules';

export interface AppliedFix {
  rule: RuleId;
  line: number;
}

export interface FixResult {
  text: string;
  applied: AppliedFix[];
}

/**
 * Applies every automatic fix of the allowed rules to `text`. Edits never overlap in the output: an
 * edit inside a deleted range (a `==` in unreachable code) is dropped, the deletion wins.
 */
export function applyFixes(fileName: string, text: string, allowed: readonly RuleId[]): FixResult {
  const { findings } = findIssues(parseSource(fileName, text));
  const candidates = findings
    .filter((f): f is typeof f & { edit: TextEdit } => f.edit !== undefined && allowed.includes(f.rule))
    .sort((a, b) => a.edit.start - b.edit.start || b.edit.end - a.edit.end);

  const accepted: typeof candidates = [];
  let coveredUntil = -1;
  for (const c of candidates) {
    if (c.edit.start < coveredUntil) continue;
    accepted.push(c);
    coveredUntil = c.edit.end;
  }

  let out = text;
  for (const c of [...accepted].reverse()) {
    out = out.slice(0, c.edit.start) + c.edit.text + out.slice(c.edit.end);
  }
  return { text: out, applied: accepted.map((c) => ({ rule: c.rule, line: c.line })) };
}
