import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface PunctualProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait until it is gone. */
  kill(): Promise<void>;
}

export interface PunctualServer extends PunctualProcess {
  /** http://127.0.0.1:PORT */
  readonly url: string;
}

/** `punctual <args…>` as a child process: the CLI's own code path, run through tsx like bin/punctual.js does. */
export function runPunctual(args: readonly string[], env: Record<string, string>): PunctualProcess {
  // bin/punctual.js forwards to a grandchild; spawning the CLI directly keeps the pid ours to sample and kill.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    pid: child.pid!,
    output: () => text,
    exited,
    async stop() {
      child.kill('SIGTERM');
      return (await exited).code;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `punctual start` on a free port, resolved once it answers /api/v1/health. */
export async function startPunctual(env: Record<string, string>, port?: number): Promise<PunctualServer> {
  const chosen = port ?? (await freePort());
  const started = runPunctual(['start'], { PORT: String(chosen), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${chosen}`, ...env });
  const url = `http://127.0.0.1:${chosen}`;
  let gone = false;
  void started.exited.then(() => (gone = true));
  const until = Date.now() + 90_000;
  for (;;) {
    if (gone) throw new Error(`punctual start exited before serving:\n${started.output()}`);
    if (Date.now() > until) {
      await started.kill();
      throw new Error(`punctual start did not answer within 90 s:\n${started.output()}`);
    }
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ...started, url };
}

/** Resident and peak resident memory of a process in bytes, from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}
