import { appError } from '@koppel/errors';

/** Error codes of order intake (shared catalogue codes, so operators alert on one name). */
export const orderIntakeErrors = {
  publishFailed: (cause: unknown) =>
    appError('BUS_UNAVAILABLE', 'the order could not be handed to the pipeline; retry later', {
      retryAfterSeconds: 5,
      cause,
    }),
};
