import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeMachine, machineLine } from '@temporal-ecommerce/e2e/harness';
import { recordGoals, type GoalResult } from './goals';

const RESULTS = path.join(__dirname, '..', '..', 'RESULTS.md');
/** SVG charts, linked from RESULTS.md and the README. */
const CHARTS_DIR = path.join(__dirname, '..', '..', 'results');

export interface BenchSection {
  /** Marker id in RESULTS.md, e.g. "gateway-latency". */
  id: string;
  title: string;
  /** Markdown lines: a table of measurements and the ratio. */
  lines: string[];
  /** SVG files written to bench/results/ (the lines link them). */
  charts?: { file: string; svg: string }[];
  /** The issue #12 goals this bench measures: they update their rows of the goals table (lib/goals.ts). */
  goals?: GoalResult[];
}

/** Markdown of one bench's section, with the machine it ran on. */
export function renderSection(section: BenchSection): string {
  return [`### ${section.title}`, '', `Measured ${machineLine(describeMachine())}.`, '', ...section.lines].join('\n');
}

/**
 * Prints the section and replaces its block in bench/RESULTS.md (between `<!-- bench:<id> -->` markers),
 * keeping everything written by hand around it. A missing block is appended.
 */
export function publish(section: BenchSection): void {
  const body = renderSection(section);
  console.log(`\n${body}\n`);
  replaceBlock(section.id, body);
  if (section.goals && section.goals.length > 0) {
    const table = recordGoals(section.title.split(' ')[0] ?? section.id, section.goals);
    replaceBlock('goals', ['### Goals (issue #12)', '', ...table].join('\n'));
    console.log(table.join('\n'));
  }
  for (const chart of section.charts ?? []) {
    mkdirSync(CHARTS_DIR, { recursive: true });
    writeFileSync(path.join(CHARTS_DIR, chart.file), chart.svg);
    console.log(`chart: bench/results/${chart.file}`);
  }
}

/** Replaces the block between `<!-- bench:<id> -->` markers in RESULTS.md, appending it when missing. */
function replaceBlock(id: string, body: string): void {
  const open = `<!-- bench:${id} -->`;
  const close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${body}\n${close}`;
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const from = current.indexOf(open);
  const to = current.indexOf(close);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + close.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, next);
}

export const fmtMs = (v: number): string => `${v.toFixed(1)} ms`;
export const fmtRatio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
