import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/db/connection.ts';
import { scratchPostgres } from '../test/support/scratch-postgres.ts';

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export interface Row {
  readonly name: string;
  readonly ours: string;
  readonly baseline: string;
  /** ours ÷ baseline for times, baseline ÷ ours for rates: always "how many times the baseline's cost". */
  readonly ratio: number;
}

const FILE = join(import.meta.dirname, 'RESULTS.md');

/** Print a benchmark's table and append it to bench/RESULTS.md with the machine and the date. */
export function record(title: string, setup: string, rows: readonly Row[]): void {
  const table = ['| measure | Punctual | baseline | cost ratio |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.name} | ${r.ours} | ${r.baseline} | ${r.ratio.toFixed(2)}× |`)].join('\n');
  const section = `\n## ${title} — ${new Date().toISOString().slice(0, 10)}\n\nMachine: ${machine()}. ${setup}\n\n${table}\n`;
  console.log(section);
  if (!existsSync(FILE)) writeFileSync(FILE, '# Benchmark results\n\nEach section is one run of a benchmark in this folder; the ratio is Punctual\'s cost divided by the baseline\'s (1.00× = as fast as the hand-written baseline).\n');
  if (!readFileSync(FILE, 'utf8').includes(section)) appendFileSync(FILE, section);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * A migrated database of the benchmark's own: PGlite (in memory, or in `dataDir` when given), or with
 * DATABASE_URL a scratch PostgreSQL database beside the one it names, dropped by dispose().
 */
export async function benchDatabase(name: string, options: { dataDir?: string; poolSize?: number } = {}): Promise<Database & { dispose(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: options.dataDir });
    await database.migrate();
    return { ...database, dispose: () => database.close() };
  }
  return scratchPostgres(url, `punctual_bench_${name}_${process.pid}`, options.poolSize ?? 4);
}

/**
 * Peak resident memory of this process since the last resetPeakRss(), in bytes: Linux's VmHWM. Elsewhere,
 * the peak over the whole process life (resourceUsage), which no reset can narrow to one measure.
 */
export function peakRss(): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  } catch {
    return process.resourceUsage().maxRSS * 1024;
  }
}

/** Start a new peak at the current resident size (Linux ≥ 4.0: "5" to clear_refs); false where that is impossible. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU seconds used so far by the whole machine (user, nice, system, irq, softirq; not idle, I/O wait or steal),
 * from Linux's /proc/stat; null elsewhere. With a database server on the same machine, the difference over a
 * measure is the database's work and ours together: what a 2-core machine actually has to give.
 */
export function machineCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq] = fields;
    return (user! + nice! + system! + irq! + softirq!) / 100;
  } catch {
    return null;
  }
}

/** This process's CPU seconds (user and system) so far. */
export function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
