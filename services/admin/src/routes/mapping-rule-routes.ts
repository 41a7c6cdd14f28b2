import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import { compileFieldRules, fieldRulesSchema, invalidMappingRule } from '@koppel/mapping-rules';
import type { FastifyInstance } from 'fastify';
import type { AdminConnectors } from '../connectors/admin-connectors.js';
import { adminErrors } from '../errors.js';
import { dryRunMapping } from '../mapping/dry-run-mapping.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import {
  dryRunBodySchema,
  dryRunResultsSchema,
  mappingRulesSchema,
  mappingRulesUnprocessableResponse,
  putMappingRulesBodySchema,
} from '../schemas/mapping-rule-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type MappingRuleRouteDeps = {
  connections: ConnectionRepository;
  journey: JourneyRepository;
  connectors: AdminConnectors;
};

/** A connection's field rules: read, replace (validated on save) and dry-run a draft. */
export async function registerMappingRuleRoutes(
  app: FastifyInstance,
  deps: MappingRuleRouteDeps,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const common = { tags: ['mapping'], security: adminSecurity };

  routes.get(
    '/connections/:id/mapping-rules',
    {
      schema: {
        ...common,
        summary: "Show the connection's field rules",
        params: connectionParamsSchema,
        response: { 200: mappingRulesSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const connection = await findVisibleConnection(deps.connections, request, request.params.id);
      const stored = fieldRulesSchema.safeParse(connection.rules.fieldRules ?? []);
      return { rules: stored.success ? stored.data : [] };
    },
  );

  routes.put(
    '/connections/:id/mapping-rules',
    {
      schema: {
        ...common,
        summary: "Replace the connection's field rules; each is compiled and checked first",
        description:
          'Status filter, value maps and extras are kept. A rule whose JSONata does not parse, uses a ' +
          'regular expression, `$eval` or an unknown function, or whose target is no canonical order field is refused with 422 ' +
          'naming `body.rules[i].expression` or `body.rules[i].target`.',
        params: connectionParamsSchema,
        body: putMappingRulesBodySchema,
        response: {
          200: mappingRulesSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...mappingRulesUnprocessableResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const stored = await findVisibleConnection(deps.connections, request, id);
      const compiled = compileFieldRules(request.body.rules);
      if (!compiled.ok) throw invalidMappingRule('body.rules', compiled.issues);
      const updated = await deps.connections.update(id, {
        rules: { ...stored.rules, fieldRules: request.body.rules },
      });
      if (!updated) throw adminErrors.connectionNotFound(id);
      request.log.info({ connectionId: id, fieldRules: request.body.rules.length }, 'mapping rules saved');
      return { rules: request.body.rules };
    },
  );

  routes.post(
    '/connections/:id/mapping-rules/dry-run',
    {
      schema: {
        ...common,
        summary: 'Try draft field rules on a received order or a pasted payload; nothing is stored or sent',
        description:
          'Decodes the order with the source connector, maps it with the stored rules and with the draft, ' +
          "and answers the target connector's request for each (credentials removed) and their diff. " +
          'No database write, no Kafka record, no call to the target.',
        params: connectionParamsSchema,
        body: dryRunBodySchema,
        response: {
          200: dryRunResultsSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...mappingRulesUnprocessableResponse,
        },
      },
    },
    async (request) => {
      const connection = await findVisibleConnection(deps.connections, request, request.params.id);
      const result = await dryRunMapping(deps, connection, request.body);
      request.log.info(
        { connectionId: connection.id, current: result.current.outcome, draft: result.draft.outcome },
        'mapping rules dry run',
      );
      return result;
    },
  );
}
