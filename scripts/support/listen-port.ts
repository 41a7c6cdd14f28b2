/**
 * A port for a child process to listen on, free now and outside the kernel's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range). A port the OS hands out for `listen(0)` comes from that
 * range, which outgoing connections (Kafka, Postgres, the simulators) also draw their local ports
 * from: a process restarted on "its" port then found it taken by some client socket and failed with
 * EADDRINUSE on every restart. Ports below the range are never given to outgoing connections.
 * Candidates stop at 25000, below the fault matrix's private Postgres (25432) and Kafka (29092/3),
 * which may be down for a moment when a port is chosen.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const lowestCandidate = 20_000;
const highestCandidate = 24_999;
const handedOut = new Set<number>();

function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const start = Number(low);
    return Number.isInteger(start) && start > lowestCandidate + 1000 ? start : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Each call in this process gives a different port. */
export async function listenPort(host = '127.0.0.1'): Promise<number> {
  const span = Math.min(ephemeralRangeStart() - 1, highestCandidate) - lowestCandidate + 1;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = lowestCandidate + Math.floor(Math.random() * span);
    if (handedOut.has(port)) continue;
    if (await canListen(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(
    `no free port between ${lowestCandidate} and ${highestCandidate} below the ephemeral range`,
  );
}
