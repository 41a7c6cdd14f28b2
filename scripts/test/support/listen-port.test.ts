import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import t from 'tap';
import { listenPort } from '../../support/listen-port.js';

t.test('ports are distinct, listenable and below the ephemeral range', async (t) => {
  const ephemeralStart = Number(
    readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
  );
  const ports = await Promise.all(Array.from({ length: 20 }, () => listenPort()));
  t.equal(new Set(ports).size, ports.length, 'no port handed out twice');
  for (const port of ports)
    t.ok(port >= 20_000 && port < 25_000 && port < ephemeralStart, `${port} is outside the ephemeral range`);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ports[0], '127.0.0.1', resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
