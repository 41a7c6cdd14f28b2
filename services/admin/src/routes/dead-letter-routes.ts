import type { ConnectionRepository, DeadLetter, DeadLetterRepository } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { decodeDeadLetterPayload } from '../domain/dead-letter-payload.js';
import { decodePageCursor, nextPageCursor } from '../domain/page-cursor.js';
import { confirmationNeeded, isPurged } from '../domain/replay-guard.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { type ReplayDeps, replayDeadLetter } from '../operations/replay-dead-letter.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import {
  deadLetterListQuerySchema,
  deadLetterListSchema,
  deadLetterParamsSchema,
  deadLetterSchema,
  replayAllBodySchema,
  replayAllResultSchema,
  replayBodySchema,
  replayResultSchema,
} from '../schemas/dead-letter-schemas.js';
import { problemResponse } from '../schemas/operation-problem-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type DeadLetterRouteDeps = ReplayDeps & {
  connections: ConnectionRepository;
  deadLetters: DeadLetterRepository;
};

const tags = ['dead letters'];

const toSummary = (d: DeadLetter) => ({
  id: d.id,
  externalOrderId: d.externalOrderId,
  stage: d.stage,
  code: d.errorCode,
  reason: d.errorMessage,
  field: d.errorField,
  attempts: d.attempts,
  failedAt: d.failedAt.toISOString(),
  replayCount: d.replayCount,
  replayedAt: d.replayedAt?.toISOString() ?? null,
});

const replayErrors = {
  409: problemResponse(
    'DOCUMENT_OUTCOME_UNKNOWN needs `confirmedNotInTarget: true` (the detail says what to look for in the ' +
      'target), or the retention purge emptied the dead letter',
  ),
  503: problemResponse('No message bus to replay to (standalone admin without KAFKA_BROKERS), or it is down'),
};

/** Dead letters: list with reason and stage, inspect, replay one, replay all matching a filter. */
export async function registerDeadLetterRoutes(
  app: FastifyInstance,
  deps: DeadLetterRouteDeps,
): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const letterOf = async (connectionId: string, id: string) => {
    const letter = await deps.deadLetters.find(connectionId, id);
    if (!letter) throw adminErrors.deadLetterNotFound(connectionId, id);
    return letter;
  };

  routes.get(
    '/connections/:id/dead-letters',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'List dead letters with their stage and reason, newest first',
        params: connectionParamsSchema,
        querystring: deadLetterListQuerySchema,
        response: { 200: deadLetterListSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const query = request.query;
      const beforeId = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
      if (query.cursor !== undefined && beforeId === undefined) throw adminErrors.invalidPageCursor();
      const letters = await deps.deadLetters.list({
        connectionId: id,
        errorCode: query.code,
        stage: query.stage,
        state: query.state,
        externalOrderId: query.externalOrderId,
        beforeId,
        limit: query.limit,
      });
      return { items: letters.map(toSummary), nextCursor: nextPageCursor(letters, query.limit) };
    },
  );

  routes.get(
    '/connections/:id/dead-letters/:deadLetterId',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Inspect one dead letter: the reason, the record as JSON and its original bytes',
        params: deadLetterParamsSchema,
        response: { 200: deadLetterSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id, deadLetterId } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const letter = await letterOf(id, deadLetterId);
      return {
        ...toSummary(letter),
        details: letter.errorDetails,
        sourceTopic: letter.sourceTopic,
        sourcePartition: letter.sourcePartition,
        sourceOffset: letter.sourceOffset,
        key: letter.key,
        headers: letter.headers,
        payload: decodeDeadLetterPayload(letter.stage, letter.payload),
        payloadBase64: Buffer.from(letter.payload).toString('base64'),
      };
    },
  );

  routes.post(
    '/connections/:id/dead-letters/:deadLetterId/replay',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Replay one dead letter to the stage that failed (idempotent: an order is booked once)',
        params: deadLetterParamsSchema,
        body: replayBodySchema,
        response: { 200: replayResultSchema, ...problemResponses, ...notFoundResponse, ...replayErrors },
      },
    },
    async (request) => {
      const { id, deadLetterId } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const letter = await letterOf(id, deadLetterId);
      const confirmedNotInTarget = request.body?.confirmedNotInTarget === true;
      const outcome = await replayDeadLetter(deps, letter, { confirmedNotInTarget });
      request.log.info({ connectionId: id, deadLetterId, stage: letter.stage }, 'dead letter replayed');
      return {
        deadLetterId: letter.id,
        externalOrderId: letter.externalOrderId,
        stage: letter.stage,
        ...outcome,
      };
    },
  );

  routes.post(
    '/connections/:id/dead-letters/replay',
    {
      schema: {
        tags,
        security: adminSecurity,
        summary: 'Replay every open dead letter of the connection matching a filter (e.g. an error code)',
        params: connectionParamsSchema,
        body: replayAllBodySchema,
        response: {
          200: replayAllResultSchema,
          ...problemResponses,
          ...notFoundResponse,
          503: replayErrors[503],
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const body = request.body;
      if (!deps.bus) throw adminErrors.replayUnavailable();
      const letters = await deps.deadLetters.list({
        connectionId: id,
        errorCode: body.code,
        stage: body.stage,
        externalOrderId: body.externalOrderId,
        state: 'open',
        limit: body.limit,
      });
      const confirmed = body.confirmedNotInTarget === true;
      const result: {
        replayed: {
          deadLetterId: string;
          externalOrderId: string;
          stage: string;
          topic: string;
          clearedDocumentRequest: boolean;
        }[];
        needsConfirmation: { deadLetterId: string; externalOrderId: string; message: string }[];
        superseded: { deadLetterId: string; externalOrderId: string }[];
        purged: { deadLetterId: string; externalOrderId: string }[];
      } = { replayed: [], needsConfirmation: [], superseded: [], purged: [] };
      const seen = new Set<string>();
      // Newest first: an order's newest dead letter is the one replayed.
      for (const letter of letters) {
        if (seen.has(letter.externalOrderId)) {
          result.superseded.push({ deadLetterId: letter.id, externalOrderId: letter.externalOrderId });
          continue;
        }
        seen.add(letter.externalOrderId);
        if (isPurged(letter)) {
          result.purged.push({ deadLetterId: letter.id, externalOrderId: letter.externalOrderId });
          continue;
        }
        const needed = confirmationNeeded(letter, confirmed);
        if (needed) {
          result.needsConfirmation.push({
            deadLetterId: letter.id,
            externalOrderId: letter.externalOrderId,
            message: needed.message,
          });
          continue;
        }
        const outcome = await replayDeadLetter(deps, letter, { confirmedNotInTarget: confirmed });
        result.replayed.push({
          deadLetterId: letter.id,
          externalOrderId: letter.externalOrderId,
          stage: letter.stage,
          ...outcome,
        });
      }
      request.log.info({ connectionId: id, replayed: result.replayed.length }, 'dead letters replayed');
      return result;
    },
  );
}
