import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in-process that keeps what it receives, for tests that follow e-mailed links. */
export async function startSmtpInbox() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Waits for a message to `to` whose subject matches (received after `after`, if given). */
    async waitFor(to: string, subject: RegExp, timeoutMs = 10_000, after?: ParsedMail): Promise<ParsedMail> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const from = after ? received.indexOf(after) + 1 : 0;
        const mail = received
          .slice(from)
          .find((m) => m.to && JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? ""));
        if (mail) return mail;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `no mail to ${to} matching ${subject} (got ${received.map((m) => m.subject).join(", ")})`,
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
