import { createHash, timingSafeEqual } from 'node:crypto';
import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Company, InnvoiceState } from '../domain/model.js';
import { sendError } from './xml-reply.js';

/** `/{company}/...` with HTTP Basic credentials of that account (notes §4.1). */
const companies = new WeakMap<FastifyRequest, Company>();

export function companyOf(request: FastifyRequest): Company {
  const company = companies.get(request);
  if (!company) throw new Error('companyOf used outside the authenticated company scope');
  return company;
}

const same = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export function createCompanyAuthHook(getState: () => InnvoiceState, rateLimiter: RateLimiter) {
  return async (request: FastifyRequest<{ Params: { company?: string } }>, reply: FastifyReply) => {
    const name = request.params.company ?? '';
    const company = getState().companies.find((c) => c.name === name);
    if (!company) return sendError(reply, 'notFound', `Ismeretlen cég: ${name}`);
    const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : '';
    const password = colon >= 0 ? decoded.slice(colon + 1) : '';
    if (!match || !same(user, company.username) || !same(password, company.password)) {
      reply.header('www-authenticate', 'Basic realm="InnVoice API"');
      return sendError(reply, 'unauthorized', 'Hibás felhasználónév vagy jelszó');
    }
    const wait = rateLimiter.take(company.name);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendError(reply, 'tooManyRequests', `Túl sok kérés, próbálja újra ${wait} másodperc múlva`);
    }
    companies.set(request, company);
  };
}
