import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request an OTLP/HTTP exporter made to the receiver. */
export type ReceivedExport = { path: string; contentType: string; body: Buffer };

/**
 * A tiny OTLP/HTTP collector stand-in: accepts any POST (`/v1/traces`, `/v1/metrics`,
 * `/v1/logs`), records it and answers 200 with an empty JSON body, as a collector does.
 */
export async function startOtlpReceiver(): Promise<{
  url: string;
  received: ReceivedExport[];
  close(): Promise<void>;
}> {
  const received: ReceivedExport[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    // Exporters keep their connections alive; close them rather than wait for their idle timeout.
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
