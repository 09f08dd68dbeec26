import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; text: string };

/**
 * A real SMTP server on port 0 that keeps what it receives. It asks for a
 * login (over plain SMTP, as a local relay may) and can refuse a recipient.
 */
export class SmtpInbox {
  readonly messages: ReceivedMail[] = [];
  readonly logins: Array<{ username: string; password: string }> = [];
  readonly #refused = new Set<string>();
  readonly #waiters: Array<() => void> = [];
  readonly #server: SMTPServer;
  port = 0;

  constructor(readonly credentials = { username: 'buzzi', password: 'relay-secret' }) {
    this.#server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        this.logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
        const ok = auth.username === credentials.username && auth.password === credentials.password;
        callback(ok ? null : new Error('Invalid login'), ok ? { user: auth.username } : undefined);
      },
      onRcptTo: (address, _session, callback) => {
        if (this.#refused.has(address.address.toLowerCase())) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          callback(error);
        } else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            text: decodeQuotedPrintable(raw),
          });
          for (const wake of this.#waiters.splice(0)) wake();
          callback();
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    const { username, password } = this.credentials;
    return `smtp://${username}:${password}@127.0.0.1:${this.port}`;
  }

  refuse(address: string): void {
    this.#refused.add(address.toLowerCase());
  }

  /** The first message to `address`, waiting for it to arrive. */
  async mailTo(address: string): Promise<ReceivedMail> {
    for (;;) {
      const found = this.messages.find((m) => m.to.includes(address));
      if (found) return found;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
