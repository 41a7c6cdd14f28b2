/** Starts support/smtp-sink-process.ts as a child process and collects what it received. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ReceivedMail = { from: string; to: string[]; subject: string; text: string };

export type SmtpSink = {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./smtp-sink-process.ts', import.meta.url).pathname],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const received: ReceivedMail[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP server exited (${code})`)));
    lines.on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) resolve(Number(listening[1]));
      else if (line.startsWith('{')) received.push(JSON.parse(line) as ReceivedMail);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
