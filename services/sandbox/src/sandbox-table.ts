import { SYSTEMS, type SystemName } from './ports.js';
import { SYSTEM_CATALOGUE } from './system-catalogue.js';

/**
 * The start-up table: one row per simulator with its URL, control endpoint and default
 * credentials. Plain text padded to columns, so it reads in any terminal and in CI logs.
 */
export function renderSandboxTable(urls: Readonly<Record<SystemName, string>>): string {
  const header = ['system', 'role', 'URL', 'control', 'default credentials'];
  const rows = SYSTEMS.map((system) => {
    const info = SYSTEM_CATALOGUE[system];
    return [info.title, info.role, urls[system], `${info.controlPath}  /_sim`, info.credentials];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
