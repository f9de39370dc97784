import type { JobLog } from './job.ts';

/** One JSON line per entry on stdout, in pino's shape, for `punctual worker` (no web server, no Fastify logger). */
export function consoleLog(name: string): JobLog {
  const write = (level: number) => (details: object, msg: string) => process.stdout.write(`${JSON.stringify({ level, time: Date.now(), name, ...details, msg })}\n`);
  return { info: write(30), warn: write(40), error: write(50) };
}
