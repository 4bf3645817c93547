import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part (the same message, for mail readers that show HTML). */
  html?: string;
  /** The sender's display name: the partner's, never the platform's. */
  fromName?: string;
  /** Extra headers (List-Unsubscribe on marketing). */
  headers?: Record<string, string>;
}

/** Sends e-mail. Without SMTP_URL there is none, and messages stay readable in the outbox. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** `Name <address>` or a bare address: the address. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(mail) {
      await transport.sendMail({
        from: mail.fromName ? { name: mail.fromName, address: addressOf(options.from) } : options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
    },
  };
}
