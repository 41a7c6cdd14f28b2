import { AppError, appError } from '@koppel/errors';

/** Error codes of order intake (shared catalogue codes, so operators alert on one name). */
export const orderIntakeErrors = {
  publishFailed: (cause: unknown) =>
    appError('BUS_UNAVAILABLE', 'the order could not be handed to the pipeline; retry later', {
      retryAfterSeconds: 5,
      cause,
    }),
  /** The same event is being handed on by another request right now; the source retries. */
  eventInFlight: (eventKey: string) =>
    new AppError('EVENT_IN_FLIGHT', `event ${eventKey} is being accepted by another request; retry shortly`, {
      httpStatus: 503,
      retryable: true,
      retryAfterSeconds: 1,
      field: 'eventKey',
    }),
};
