import { AppError } from '@koppel/errors';
import t from 'tap';
import { z } from 'zod';
import {
  toFieldPath,
  zodSerializerCompiler,
  zodValidatorCompiler,
} from '../../../src/openapi/zod-schema-compilers.js';

const compile = (schema: z.ZodType, httpPart: string) =>
  zodValidatorCompiler({ schema, httpPart, method: 'POST', url: '/x' });

t.test('field paths read like body.lines[0].sku', async (t) => {
  t.equal(toFieldPath('body', ['lines', 0, 'sku']), 'body.lines[0].sku');
  t.equal(toFieldPath('body', []), 'body');
  t.equal(toFieldPath('', ['a']), 'a');
});

t.test('the validator returns the parsed value or an AppError naming the field', async (t) => {
  const validate = compile(
    z.strictObject({ n: z.coerce.number(), tags: z.array(z.string()) }),
    'querystring',
  );
  t.same(validate({ n: '3', tags: [] }), { value: { n: 3, tags: [] } });
  const bad = validate({ n: 'x', tags: ['a', 1], extra: true });
  t.ok(typeof bad === 'object' && 'error' in bad && bad.error instanceof AppError, 'an AppError');
  t.match(bad, { error: { code: 'VALIDATION_FAILED', httpStatus: 400, field: 'query.n' } });
  t.match(bad, {
    error: {
      details: { issues: [{ field: 'query.n' }, { field: 'query.tags[1]' }, { field: 'query.extra' }] },
    },
  });
});

t.test('a union that matches no alternative names the field of the closest one', async (t) => {
  const validate = compile(
    z.strictObject({
      reset: z.union([
        z.strictObject({ orderNumber: z.string() }),
        z.strictObject({ since: z.string(), zone: z.string() }),
      ]),
    }),
    'body',
  );
  t.match(validate({ reset: {} }), { error: { field: 'body.reset.orderNumber' } }, 'the first on a tie');
  t.match(validate({ reset: { since: 'x' } }), {
    error: { field: 'body.reset.zone', details: { issues: [{ field: 'body.reset.zone' }] } },
  });
  const top = compile(
    z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.number() })]),
    'body',
  );
  t.match(top({ b: 'x' }), { error: { field: 'body.b', message: /body\.b: / } });
});

t.test('the serializer strips what the schema does not name', async (t) => {
  const serialize = zodSerializerCompiler({
    schema: z.object({ id: z.string() }),
    method: 'GET',
    url: '/x',
    httpStatus: '200',
  });
  t.equal(serialize({ id: 'a', credentials: { secret: 'x' } }), '{"id":"a"}');
  t.throws(() => serialize({ nope: true }), 'an answer that breaks its schema is an error, not a leak');
});
