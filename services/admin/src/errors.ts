import { appError } from '@koppel/errors';

/** The admin API's failures, all from the shared catalogue, each naming the field at fault. */
export const adminErrors = {
  missingApiKey: () =>
    appError('UNAUTHENTICATED', 'an API key is required: Authorization: Bearer <key> or X-Api-Key', {
      field: 'headers.authorization',
    }),
  wrongApiKey: () =>
    appError('UNAUTHENTICATED', 'the API key is not valid', { field: 'headers.authorization' }),
  connectionNotFound: (id: string) => appError('NOT_FOUND', `no connection ${id}`, { field: 'params.id' }),
  journeyNotFound: (connectionId: string, externalOrderId: string) =>
    appError('NOT_FOUND', `no journey for order ${externalOrderId} on connection ${connectionId}`, {
      field: 'params.externalOrderId',
    }),
};
