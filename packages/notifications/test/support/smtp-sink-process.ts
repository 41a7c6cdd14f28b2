/**
 * A real SMTP server in its own process for the notification tests (npm `smtp-server`, the
 * server half of nodemailer): it accepts every message, parses it with `mailparser` and writes
 * one JSON line per message to stdout, after a first line `listening <port>`.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  async onData(stream, session, callback) {
    try {
      const mail = await simpleParser(stream);
      const to = session.envelope.rcptTo.map((r) => r.address);
      process.stdout.write(
        `${JSON.stringify({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined, to, subject: mail.subject ?? '', text: mail.text ?? '' })}\n`,
      );
      callback();
    } catch (error) {
      callback(error as Error);
    }
  },
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
