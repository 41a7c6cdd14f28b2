import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import t from 'tap';
import { z } from 'zod';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { freePortForChild } from '../support/free-port.js';

/**
 * `npm start` as the user runs it: one OS process on a data folder, stopped with SIGTERM and
 * with kill -9, started again on the same folder. Whatever it accepted must survive both.
 */
const repoRoot = resolve(import.meta.dirname, '../../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'koppel-embedded-restart-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const ports = {
  ingest: await freePortForChild(),
  admin: await freePortForChild(),
  shoprenter: await freePortForChild(),
  asperion: await freePortForChild(),
};
const shoprenterUrl = `http://127.0.0.1:${ports.shoprenter}`;
const asperionUrl = `http://127.0.0.1:${ports.asperion}`;
const adminUrl = `http://127.0.0.1:${ports.admin}/admin/v1`;

type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };
const running = new Set<ChildProcess>();
t.teardown(() => {
  for (const child of running) child.kill('SIGKILL');
});

async function startKoppel(): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOPPEL_DATA_DIR: dataDir,
    KOPPEL_HOST: '127.0.0.1',
    KOPPEL_INGEST_PORT: String(ports.ingest),
    KOPPEL_ADMIN_PORT: String(ports.admin),
    KOPPEL_SIM_SHOPRENTER_PORT: String(ports.shoprenter),
    KOPPEL_SIM_ASPERION_PORT: String(ports.asperion),
    LOG_LEVEL: 'warn',
  };
  // The embedded mode needs neither; make sure it does not quietly pick up a developer's.
  delete env.KAFKA_BROKERS;
  delete env.DATABASE_URL;
  delete env.ADMIN_API_KEYS;
  delete env.CREDENTIALS_KEY;
  delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/embedded/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      running.delete(child);
      r(code);
    }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  await eventually(
    'the "Koppel is running" banner',
    () => {
      if (gone) throw new Error(`exited before starting:\n${output}`);
      return output.includes('Koppel is running') ? true : undefined;
    },
    45_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- output ---\n${output}`);
  });
  // Permissive: the simulator would accept a second invoice with the same number, so "none
  // twice" below is Koppel's guarantee, not the simulator's refusal (the mode resets per start).
  const mode = await call(`${asperionUrl}/_control/mode`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ permissive: true }),
  });
  if (mode.status !== 200)
    throw new Error(`could not make the Asperion simulator permissive: ${mode.status}`);
  return { child, output: () => output, exited };
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const createdSchema = z.object({ innerId: z.coerce.string() }).passthrough();
async function placeOrder(email: string): Promise<string> {
  const { status, body } = await call(`${shoprenterUrl}/_control/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demoOrder({ email })),
  });
  if (status >= 300) throw new Error(`placing an order: ${status} ${JSON.stringify(body)}`);
  return createdSchema.parse(body).innerId;
}

const invoicesSchema = z.object({ invoices: z.array(z.object({ invoiceNumber: z.string() }).passthrough()) });
async function invoiceNumbers(): Promise<string[]> {
  const { body } = await call(`${asperionUrl}/_control/invoices`);
  return invoicesSchema.parse(body).invoices.map((i) => i.invoiceNumber);
}

async function waitForInvoices(innerIds: string[], timeoutMs = 30_000): Promise<void> {
  await eventually(
    `invoices ${innerIds.map((id) => `WEB-${id}`).join(', ')}`,
    async () => {
      const numbers = new Set(await invoiceNumbers());
      return innerIds.every((id) => numbers.has(`WEB-${id}`)) ? true : undefined;
    },
    timeoutMs,
    200,
  );
}

const readAdminKey = () => readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim();
const admin = (path: string, key: string) =>
  call(`${adminUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
const journeySchema = z
  .object({
    externalOrderId: z.string(),
    status: z.string(),
    stages: z.array(z.object({ stage: z.string() }).passthrough()),
  })
  .passthrough();

/** SIGTERM must end the process cleanly (exit 0) well within the 15 s shutdown budget. */
async function stopGracefully(koppel: Running): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  koppel.child.kill('SIGTERM');
  const code = await Promise.race([
    koppel.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
  ]);
  if (code === 'timeout') {
    koppel.child.kill('SIGKILL');
    throw new Error(`no exit within 15 s of SIGTERM\n--- output ---\n${koppel.output()}`);
  }
  return { code, ms: Date.now() - started };
}

t.test('SIGTERM, restart and kill -9 on one data folder: nothing lost, nothing booked twice', async (t) => {
  // First run: an order goes all the way through.
  let koppel = await startKoppel();
  const key = readAdminKey();
  t.match(koppel.output(), key, 'the banner shows the generated admin key');
  const first = await placeOrder('restart-1@example.nl');
  await waitForInvoices([first]);
  const journey1 = await admin(`/connections/demo/orders/${first}`, key);
  t.equal(journey1.status, 200, 'journey of the first order');
  t.equal(journeySchema.parse(journey1.body).status, 'delivered');

  const stop = await stopGracefully(koppel);
  t.equal(stop.code, 0, `SIGTERM exits 0 (after ${stop.ms} ms; ${shutdownSummary(koppel.output())})`);
  t.notMatch(koppel.output(), /shutdown step \S+ failed/, 'every shutdown step succeeded');

  // Second run on the same folder.
  koppel = await startKoppel();
  t.equal(readAdminKey(), key, 'the admin key file is kept');
  const wrongKey = await admin('/connections/demo', 'not-the-key');
  t.equal(wrongKey.status, 401, 'a wrong key is still refused');
  const demo = await admin('/connections/demo', key);
  t.equal(demo.status, 200, 'the same admin key works and the demo connection still exists');
  t.match(demo.body, { id: 'demo' });
  const again = await admin(`/connections/demo/orders/${first}`, key);
  t.equal(again.status, 200, 'the first order’s journey survived the restart');
  const firstJourney = journeySchema.parse(journey1.body);
  const after = journeySchema.parse(again.body);
  t.equal(after.status, firstJourney.status, 'still delivered');
  t.same(
    after.stages.slice(0, firstJourney.stages.length),
    firstJourney.stages,
    'every stage recorded before is kept',
  );
  t.same(
    after.stages.slice(firstJourney.stages.length).filter((s) => s.stage !== 'duplicate_ignored'),
    [],
    'since then only the reconciliation poll saw it again (and dropped it as a duplicate)',
  );

  // A second Koppel on the same folder is refused before it touches anything.
  const intruder = spawn(process.execPath, ['--import', 'tsx', 'services/embedded/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, KOPPEL_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(intruder);
  let intruderOutput = '';
  intruder.stderr?.on('data', (chunk: Buffer) => {
    intruderOutput += chunk.toString();
  });
  const intruderExit = await new Promise<number | null>((r) => intruder.once('exit', (code) => r(code)));
  running.delete(intruder);
  t.equal(intruderExit, 1, 'a second Koppel on the same data folder exits 1');
  t.match(
    intruderOutput,
    `Koppel cannot start: another Koppel (pid ${koppel.child.pid}) is running on the data folder`,
  );

  const second = await placeOrder('restart-2@example.nl');
  await waitForInvoices([second]);
  t.equal(
    journeySchema.parse((await admin(`/connections/demo/orders/${second}`, key)).body).status,
    'delivered',
  );
  t.same(
    (await invoiceNumbers()).sort(),
    [`WEB-${first}`, `WEB-${second}`].sort(),
    'two invoices, none twice',
  );

  // A burst of 20, then kill -9 while it is being delivered.
  const burst: string[] = [];
  for (let i = 0; i < 20; i += 1) burst.push(await placeOrder(`burst-${i % 5}@example.nl`));
  koppel.child.kill('SIGKILL');
  t.equal(await koppel.exited, null, 'killed by the signal');
  const before = (await readStateInvoices()).filter((n) => burst.includes(n.slice(4))).length;
  t.ok(before < 20, `killed mid-stream (${before} of 20 booked)`);

  koppel = await startKoppel();
  const restarted = koppel;
  await waitForInvoices(burst, 80_000).catch(async (error: unknown) => {
    const numbers = new Set(await invoiceNumbers());
    const missing = burst.find((id) => !numbers.has(`WEB-${id}`));
    const journey = missing ? await admin(`/connections/demo/orders/${missing}`, key) : undefined;
    throw new Error(
      `${String(error)}\njourney of ${missing}: ${JSON.stringify(journey?.body)?.slice(-3000)}\n--- output ---\n${restarted.output().slice(-4000)}`,
    );
  });
  t.comment(/took over the work[^\n]*/.exec(koppel.output())?.[0] ?? 'no lease of the killed run was left');
  const numbers = await invoiceNumbers();
  const expected = [first, second, ...burst].map((id) => `WEB-${id}`);
  t.same([...numbers].sort(), [...expected].sort(), '22 invoices: every order exactly once');
  t.equal(new Set(numbers).size, numbers.length, 'no invoice number booked twice');
  for (const id of burst.slice(0, 3)) {
    const j = await admin(`/connections/demo/orders/${id}`, key);
    t.equal(journeySchema.parse(j.body).status, 'delivered', `journey of burst order ${id}`);
  }

  const last = await stopGracefully(koppel);
  t.equal(last.code, 0, `and still stops cleanly (after ${last.ms} ms; ${shutdownSummary(koppel.output())})`);
});

/** What the Asperion simulator had persisted when the process was killed. */
async function readStateInvoices(): Promise<string[]> {
  const state = z
    .object({
      administrations: z.array(
        z
          .object({ salesInvoices: z.array(z.object({ invoiceNumber: z.string() }).passthrough()) })
          .passthrough(),
      ),
    })
    .passthrough()
    .parse(JSON.parse(readFileSync(join(dataDir, 'sim-asperion.json'), 'utf8')));
  return state.administrations.flatMap((a) => a.salesInvoices.map((i) => i.invoiceNumber));
}

/** The process's own account of its stop: which step took how long. */
function shutdownSummary(output: string): string {
  return /shutdown complete in [^\n]*/.exec(output)?.[0] ?? 'no shutdown summary printed';
}
