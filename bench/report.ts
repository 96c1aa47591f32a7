/**
 * The one table a run produces: rows grouped by benchmark, each with its measurement, the baseline
 * measured beside it, the ratio and the goal. Printed to the terminal and written to BENCHMARKS.md.
 */
import { writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine';

export interface ResultRow {
  benchmark: string;
  measure: string;
  value: string;
  /** The same work at the platform's limit, measured in the same run. */
  baseline?: string;
  ratio?: string;
  goal?: string;
  /** undefined when the row has no goal. */
  isMet?: boolean;
}

const HEADER = ['Benchmark', 'Measure', 'Value', 'Baseline (same run)', 'Ratio', 'Goal', 'Met'];

function cells(row: ResultRow): string[] {
  const met = row.isMet === undefined ? '' : row.isMet ? 'yes' : 'NO';
  return [row.benchmark, row.measure, row.value, row.baseline ?? '', row.ratio ?? '', row.goal ?? '', met];
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, col) => Math.max(...all.map((line) => line[col]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(HEADER), rule, ...all.slice(1).map(line)].join('\n');
}

export function machineLines(machine: MachineInfo): string[] {
  return [
    `- Date: ${machine.date}`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGb} GB; ${machine.os}`,
    `- Node ${machine.node}; Chromium ${machine.chromium} (headless)`,
    `- Load average (1/5/15 min) at the start: ${machine.loadAverage}`,
  ];
}

export interface ReportInput {
  machine: MachineInfo;
  rows: readonly ResultRow[];
  mode: string;
  seconds: number;
  notes: readonly string[];
  /** Markdown appended after the table (bench/findings.md: what profiling found, what was done). */
  findings?: string;
}

export function writeBenchmarksMd(path: string, input: ReportInput): void {
  const text = [
    '# Jaring benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); see bench/README.md for what each row measures and how.',
    'Baselines run in the same process and the same run, interleaved where possible: compare ratios,',
    'not absolute times, across machines.',
    '',
    '## Machine',
    '',
    ...machineLines(input.machine),
    `- Mode: ${input.mode}; whole run ${input.seconds.toFixed(0)} s`,
    '',
    '## Results',
    '',
    markdownTable(input.rows),
    '',
    ...(input.notes.length > 0 ? ['## Notes', '', ...input.notes.map((n) => `- ${n}`), ''] : []),
    ...(input.findings ? [input.findings.trimEnd(), ''] : []),
  ].join('\n');
  writeFileSync(path, text);
}
