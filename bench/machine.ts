/** The machine a run happened on: what BENCHMARKS.md prints above the table. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  chromium: string;
  loadAverage: string;
  date: string;
}

function osName(): string {
  try {
    const release = execFileSync('cat', ['/etc/os-release']).toString();
    return /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

export function describeMachine(chromiumVersion: string): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: osName(),
    chromium: chromiumVersion,
    loadAverage: loadavg()
      .map((n) => n.toFixed(2))
      .join(' / '),
    date: new Date().toISOString(),
  };
}
