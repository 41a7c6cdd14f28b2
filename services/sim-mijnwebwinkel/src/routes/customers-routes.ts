import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';

/** `GET|POST /customers`, `GET|PATCH /customers/{customerId}` (spec; answers wrapped as the spec shows). */
const listQuery = z.object({ q: z.string().optional(), embed: z.enum(['address']).optional() }).loose();
const createBody = z.strictObject({
  email: z.email(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});
const patchBody = z.strictObject({
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  description: z.string().nullable().optional(),
});
const idParams = z.object({ customerId: z.string() });

export function registerCustomerRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/customers', async (request) => {
    const q = parseInput(listQuery, request.query, 'query');
    return { customers: deps.customers.search(q.q) };
  });
  app.post('/customers', async (request) => {
    const body = parseInput(createBody, request.body ?? {}, 'body');
    return { customer: deps.customers.create(body) };
  });
  app.get('/customers/:customerId', async (request) => {
    const { customerId } = parseInput(idParams, request.params, 'query');
    const customer = deps.customers.find(customerId);
    if (!customer) throw notFound('Customer');
    return { customer };
  });
  app.patch('/customers/:customerId', async (request) => {
    const { customerId } = parseInput(idParams, request.params, 'query');
    const customer = deps.customers.find(customerId);
    if (!customer) throw notFound('Customer');
    const body = parseInput(patchBody, request.body ?? {}, 'body');
    const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    return { customer: deps.customers.change(customer, patch) };
  });
}
