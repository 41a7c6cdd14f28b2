import { existsSync } from 'node:fs';
import t from 'tap';
import {
  findSourceConnector,
  findTargetConnector,
  pipelineTopics,
  polledSourceConnectors,
  sourceConnectors,
  targetConnectors,
} from '../src/index.js';

const packageDir = (system: string) => new URL(`../../connector-${system}/`, import.meta.url);

t.test('each system is registered once, under a name topics and URLs can carry', async (t) => {
  for (const list of [sourceConnectors, targetConnectors]) {
    const systems = list.map((c) => c.system);
    t.same(new Set(systems).size, systems.length, 'no system twice per list');
    for (const system of systems) t.match(system, /^[a-z][a-z0-9-]*$/);
  }
});

t.test('every connector declares its schemas and has a package with a conformance test', async (t) => {
  for (const connector of [...sourceConnectors, ...targetConnectors]) {
    t.ok(connector.displayName.length > 0, `${connector.system} has a display name`);
    t.type(connector.settingsSchema.safeParse, 'function', `${connector.system} settings schema`);
    t.type(connector.credentialsSchema.safeParse, 'function', `${connector.system} credentials schema`);
    t.ok(
      existsSync(new URL('test/conformance.test.ts', packageDir(connector.system))),
      `packages/connector-${connector.system}/test/conformance.test.ts runs the shared suite`,
    );
  }
});

t.test('a polled source can open sessions; a source has a way in', async (t) => {
  for (const connector of sourceConnectors) {
    t.ok(connector.webhook ?? connector.poller, `${connector.system} has a webhook or a poller`);
  }
  for (const connector of polledSourceConnectors()) {
    t.type(connector.openSession, 'function', `${connector.system} opens sessions to poll`);
    t.type(connector.pollingEnabled, 'function', `${connector.system} says when a connection polls`);
  }
});

t.test('look-ups and topics derive from the lists', async (t) => {
  t.equal(findSourceConnector('shoprenter')?.system, 'shoprenter');
  t.equal(findTargetConnector('asperion')?.system, 'asperion');
  t.equal(findTargetConnector('nope'), undefined);
  const names = pipelineTopics().map((topic) => topic.name);
  for (const connector of targetConnectors) {
    t.ok(names.includes(`deliveries.${connector.system}`), `deliveries.${connector.system} is created`);
  }
  t.ok(names.includes('orders.raw') && names.includes('orders.dead-letter'), 'and the core topics');
});
