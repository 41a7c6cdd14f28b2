import { PROBLEM_CONTENT_TYPE } from '@koppel/errors';
import { problemSchema } from './problem-schemas.js';

/** One more problem+json answer of the operations routes, for the OpenAPI document. */
export const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});
