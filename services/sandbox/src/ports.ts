/**
 * The seven simulated systems and the loopback port each gets in the sandbox: one table, so
 * docs, connectors' sandbox settings and `npm start` agree. Every simulator's standalone
 * `main.ts` defaults to the same port (test/default-ports.test.ts), so a URL works whether the
 * simulator runs alone or in the sandbox, and simulators started side by side never clash.
 */
export const SYSTEMS = [
  'asperion',
  'accountview',
  'mijnwebwinkel',
  'myshop',
  'mplus',
  'shoprenter',
  'innvoice',
] as const;

export type SystemName = (typeof SYSTEMS)[number];

export const DEFAULT_PORTS: Readonly<Record<SystemName, number>> = Object.freeze({
  asperion: 4101,
  accountview: 4102,
  mijnwebwinkel: 4103,
  myshop: 4104,
  mplus: 4105,
  shoprenter: 4106,
  innvoice: 4107,
});

/** The env variable overriding each system's port (read in config.ts only). */
export const PORT_ENV_NAMES = Object.freeze({
  asperion: 'SANDBOX_ASPERION_PORT',
  accountview: 'SANDBOX_ACCOUNTVIEW_PORT',
  mijnwebwinkel: 'SANDBOX_MIJNWEBWINKEL_PORT',
  myshop: 'SANDBOX_MYSHOP_PORT',
  mplus: 'SANDBOX_MPLUS_PORT',
  shoprenter: 'SANDBOX_SHOPRENTER_PORT',
  innvoice: 'SANDBOX_INNVOICE_PORT',
} as const satisfies Record<SystemName, string>);
