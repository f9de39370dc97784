import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The message exactly as the server received it after DATA. */
  readonly raw: Buffer;
  readonly messageId: string;
  readonly to: readonly string[];
  readonly user?: string;
}

export type Behaviour = 'accept' | 'reject' | 'hang';

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** smtp://user:pass@127.0.0.1:port (no TLS: the sink offers no STARTTLS). */
  url(user?: string, pass?: string): string;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server). `behave` decides per recipient: accept, reject with 550
 * at RCPT TO, or take the whole message and then never answer (the client times out, not knowing the
 * message arrived: the window where a retry is a duplicate). A message is recorded when its DATA ends,
 * before the server answers, as a real server would have it.
 */
export async function startSmtpSink(options: { auth?: { user: string; pass: string }; behave?: (to: string) => Behaviour } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const behave = options.behave ?? (() => 'accept' as const);
  // Asked once per recipient of each message, at RCPT TO; DATA then acts on those answers.
  const decided = new Map<string, Behaviour[]>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    allowInsecureAuth: true,
    authOptional: !options.auth,
    size: 20 * 1024 * 1024,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, session, callback) {
      const decision = behave(address.address);
      if (decision === 'reject') return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      decided.set(session.id, [...(decided.get(session.id) ?? []), decision]);
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const header = /^Message-ID:\s*(<[^>]*>)/im.exec(raw.toString('latin1'));
        received.push({ raw, messageId: header?.[1] ?? '', to, user: typeof session.user === 'string' ? session.user : undefined });
        const hang = decided.get(session.id)?.includes('hang');
        decided.delete(session.id);
        if (hang) return;
        callback();
      });
    },
  });
  // A client killed mid-session resets its connection; that is the test's doing, not the server's failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    url: (user, pass) => (user ? `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A server that greets, reads the first command and drops the connection: the connection breaks mid-session. */
export async function startDroppingServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.write('220 drop.test ESMTP\r\n');
    socket.once('data', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => count,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
