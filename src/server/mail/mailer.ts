import nodemailer, { type Transporter } from 'nodemailer';

export type MailMessage = { to: string; subject: string; text: string; html: string };

/** Sends mail; where no mail server is configured there is no Mailer at all. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class MailError extends Error {}

/** SMTP through nodemailer; the URL carries host, port, TLS (`smtps://`) and credentials. */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(options: { smtpUrl: string; from: string }) {
    this.#transport = nodemailer.createTransport(options.smtpUrl);
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.#transport.sendMail({ from: this.#from, ...message });
    } catch (cause) {
      throw new MailError('The mail server did not accept the message', { cause });
    }
  }

  close(): void {
    this.#transport.close();
  }
}
