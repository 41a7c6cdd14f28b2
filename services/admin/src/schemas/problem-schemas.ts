import { PROBLEM_CONTENT_TYPE } from '@koppel/errors';
import { z } from 'zod';

/** RFC 9457 problem details as every error is answered (see @koppel/errors). */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable SCREAMING_SNAKE error code'),
    field: z.string().optional().describe('The input at fault, e.g. body.targetSystem'),
    instance: z.string().optional(),
  })
  .describe('Problem details');

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

/** Error answers every authenticated route may give, for the OpenAPI document. */
export const problemResponses = {
  400: problem('The input is invalid; `field` names it'),
  401: problem('The API key is missing, wrong or revoked'),
  429: problem('Too many wrong API keys from this address; the Retry-After header says when to retry'),
} as const;

/**
 * What fastify itself answers before a route runs on any request that may carry a body (POST,
 * PUT, PATCH, DELETE): a body over the limit (1 MiB) or in a media type the route does not parse.
 * The OpenAPI transform adds these to every such route, so the document lists every status.
 */
export const bodyProblemResponses = {
  413: problem('The request body is larger than the admin API accepts (1 MiB)'),
  415: problem('The content type is not one the admin API parses; send application/json'),
} as const;

export const forbiddenResponse = {
  403: problem('The API key may act only for its own tenant; `field` names the input'),
} as const;

export const notFoundResponse = { 404: problem('Not found; `field` names the path parameter') } as const;

/** The request is valid but the resource is not in a state that allows it; `field` says why. */
export const conflictResponse = {
  409: problem('Not possible in the current state; `field` names what is missing'),
} as const;

/** A connector refused settings, credentials or a cursor reset; `field` names the input. */
export const unprocessableResponse = {
  422: problem(
    'The connector refused the input; `field` names it, e.g. body.settings.tenantId, ' +
      'body.credentials.clientSecret, body.sourceSettings.shopName',
  ),
} as const;
