import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const CHART_DIR = new URL('../../../../charts/koppel/', import.meta.url).pathname;
export const DASHBOARD_DIR = join(CHART_DIR, 'dashboards');
export const RULES_DIR = join(CHART_DIR, 'rules');

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
const datasourceSchema = z.object({ type: z.literal('prometheus'), uid: z.literal('${DS_PROMETHEUS}') });

/** The part of Grafana's dashboard JSON model (schemaVersion 39) these checks rely on. */
export const dashboardSchema = z.object({
  uid: z.string().min(1),
  title: z.string().min(1),
  schemaVersion: z.number().int().min(36),
  templating: z.object({
    list: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['datasource', 'query', 'custom', 'interval']),
        query: z.unknown(),
      }),
    ),
  }),
  panels: z
    .array(
      z.object({
        id: z.number().int(),
        type: z.string(),
        title: z.string().min(1),
        datasource: datasourceSchema,
        gridPos: z.object({ h: z.number(), w: z.number(), x: z.number(), y: z.number() }),
        targets: z
          .array(z.object({ refId: z.string(), expr: z.string().min(1), datasource: datasourceSchema }))
          .min(1),
      }),
    )
    .min(1),
});

export type Dashboard = z.infer<typeof dashboardSchema>;

export function loadDashboards(): { file: string; dashboard: Dashboard }[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      dashboard: dashboardSchema.parse(JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8'))),
    }));
}

/** One panel query with Grafana's variables replaced as Grafana would with "All" selected. */
export type PanelQuery = { dashboard: string; panel: string; refId: string; expr: string };

/**
 * `$__rate_interval` becomes `rateInterval` (Grafana uses at least four scrape intervals), every
 * multi-value query variable `.*` (its "All" value).
 */
export function panelQueries(rateInterval: string): PanelQuery[] {
  return loadDashboards().flatMap(({ dashboard }) => {
    const variables = dashboard.templating.list.filter((v) => v.type === 'query').map((v) => v.name);
    return dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) => {
        let expr = target.expr.replaceAll('$__rate_interval', rateInterval);
        for (const name of variables) expr = expr.replaceAll(`$${name}`, '.*');
        return { dashboard: dashboard.title, panel: panel.title, refId: target.refId, expr };
      }),
    );
  });
}

/** Metric families a PromQL expression reads: `koppel_*` (histogram series folded) and rule names. */
export function metricNamesIn(expr: string): string[] {
  const names = expr.match(/\b(?:koppel_[a-z0-9_]+|[a-z_]+:[a-z0-9_]+:[a-z0-9_]+)\b/g) ?? [];
  return [...new Set(names.map((name) => name.replace(/_(bucket|count|sum)$/, '')))];
}
