/**
 * The connection check: each credential and setting tried against Mplus (or the simulator), in
 * words a shop owner understands. `getApiVersion` tries the host and the ident/secret first; if
 * that fails nothing else can be tried. Then the branch and workplace (`getBranches`), the
 * employee (`getEmployee`), the tax codes (`getVatGroupList`), the delivery methods
 * (`getDeliveryMethods`) and the articles of shipping, fee, discount and rounding lines.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { toAppError } from '@koppel/errors';
import {
  apiVersionResponse,
  branchesResponse,
  deliveryMethodsResponse,
  employeeResponse,
  vatGroupListResponse,
} from './api-schemas.js';
import { listArticles } from './document-steps.js';
import type { MplusSession } from './session.js';

const S = 'target.settings';
const C = 'target.credentials';

export async function check(session: MplusSession): Promise<CheckFinding[]> {
  const login = await checkLogin(session);
  if (!login.ok) return [login];
  const findings = [login];
  for (const step of [checkBranch, checkEmployee, checkTaxCodes, checkDeliveryMethods, checkLineArticles]) {
    findings.push(...(await step(session)));
  }
  return findings;
}

async function checkLogin(session: MplusSession): Promise<CheckFinding> {
  try {
    const version = await session.client.call('getApiVersion', {}, apiVersionResponse, 'version check');
    return {
      subject: `${C}.secret`,
      ok: true,
      message: `Mplus accepts the ident and secret (API version ${version.majorNumber}.${version.minorNumber}).`,
    };
  } catch (caught) {
    const error = toAppError(caught);
    if (error.code === 'TARGET_AUTH_FAILED') {
      return {
        subject: `${C}.secret`,
        ok: false,
        message:
          'Mplus does not accept this ident and secret. Enter them exactly as Mplus support sent them.',
      };
    }
    return {
      subject: `${S}.apiUrl`,
      ok: false,
      message: `Koppel could not reach Mplus at ${session.settings.apiUrl} (${error.message}). Check the address and port of your personal Mplus API.`,
    };
  }
}

async function checkBranch(session: MplusSession): Promise<CheckFinding[]> {
  const { entryBranchNumber: number, workplaceNumber } = session.settings;
  return guard(`${S}.entryBranchNumber`, async () => {
    const { branches } = await session.client.call('getBranches', {}, branchesResponse, 'branch list');
    const branch = branches.find((b) => b.branchNumber === number);
    if (!branch) {
      const known = branches.map((b) => b.branchNumber).join(', ');
      return [
        fail(
          `${S}.entryBranchNumber`,
          `Mplus has no branch ${number}; your branches are ${known || 'none'}.`,
        ),
      ];
    }
    const findings = [ok(`${S}.entryBranchNumber`, `Orders are entered in branch ${number}.`)];
    if (workplaceNumber === undefined) {
      if (number !== 1) {
        findings.push(
          fail(
            `${S}.workplaceNumber`,
            `Branch ${number} is not the main branch: choose one of its workplaces (tills).`,
          ),
        );
      }
      return findings;
    }
    const places = (branch.workplaces ?? []).map((w) => w.workplaceNumber);
    findings.push(
      places.includes(workplaceNumber)
        ? ok(`${S}.workplaceNumber`, `Workplace ${workplaceNumber} exists in branch ${number}.`)
        : fail(
            `${S}.workplaceNumber`,
            `Branch ${number} has no workplace ${workplaceNumber}; it has ${places.join(', ') || 'none'}.`,
          ),
    );
    return findings;
  });
}

async function checkEmployee(session: MplusSession): Promise<CheckFinding[]> {
  const number = session.settings.employeeNumber;
  return guard(`${S}.employeeNumber`, async () => {
    const answer = await session.client.call(
      'getEmployee',
      { employeeNumber: number },
      employeeResponse,
      'employee look-up',
    );
    return [
      answer.result === 'GET-EMPLOYEE-RESULT-OK'
        ? ok(`${S}.employeeNumber`, `Orders are entered by employee ${number}.`)
        : fail(
            `${S}.employeeNumber`,
            `Mplus has no employee ${number}; use an existing employee number (999999 is the super user).`,
          ),
    ];
  });
}

async function checkTaxCodes(session: MplusSession): Promise<CheckFinding[]> {
  const branch = session.settings.entryBranchNumber;
  return guard(`${S}.taxCodes`, async () => {
    const { vatGroupList } = await session.client.call(
      'getVatGroupList',
      {},
      vatGroupListResponse,
      'VAT code list',
    );
    const wrong = session.settings.taxCodes.filter((rule) => {
      const group = vatGroupList.find((g) => g.branchNumber === branch && g.vatCode === rule.vatCode);
      return group === undefined || group.vatPercentage * 100 !== rule.vatRateBp;
    });
    if (wrong.length === 0) return [ok(`${S}.taxCodes`, 'Every tax code exists in Mplus with its rate.')];
    const listed = wrong.map(
      (r) => `code ${r.vatCode} for ${r.vatRateBp / 100} %${r.countryCode ? ` (${r.countryCode})` : ''}`,
    );
    return [
      fail(
        `${S}.taxCodes`,
        `Mplus branch ${branch} has no VAT group matching ${listed.join(', ')}; see the VAT codes in Mplus.`,
      ),
    ];
  });
}

async function checkDeliveryMethods(session: MplusSession): Promise<CheckFinding[]> {
  const { deliveryMethods, defaultDeliveryMethod } = session.settings;
  const wanted = [
    ...new Set([
      ...Object.values(deliveryMethods),
      ...(defaultDeliveryMethod ? [defaultDeliveryMethod] : []),
    ]),
  ];
  if (wanted.length === 0) return [];
  return guard(`${S}.deliveryMethods`, async () => {
    const { deliveryMethodList } = await session.client.call(
      'getDeliveryMethods',
      {},
      deliveryMethodsResponse,
      'delivery methods',
    );
    const known = new Set(deliveryMethodList.map((m) => m.code));
    const unknown = wanted.filter((code) => !known.has(code));
    return [
      unknown.length === 0
        ? ok(`${S}.deliveryMethods`, 'Every mapped delivery method exists in Mplus.')
        : fail(
            `${S}.deliveryMethods`,
            `Mplus has no delivery method ${unknown.join(', ')}; it has ${[...known].join(', ') || 'none'}.`,
          ),
    ];
  });
}

async function checkLineArticles(session: MplusSession): Promise<CheckFinding[]> {
  const s = session.settings;
  const wanted = Object.entries({
    shippingArticleNumber: s.shippingArticleNumber,
    paymentFeeArticleNumber: s.paymentFeeArticleNumber,
    discountArticleNumber: s.discountArticleNumber,
    roundingArticleNumber: s.roundingArticleNumber,
    textArticleNumber: s.textArticleNumber,
  }).flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]));
  return guard(`${S}.shippingArticleNumber`, async () => {
    const found = new Set(
      (await listArticles(session, { articleNumbers: wanted.map(([, v]) => v) })).map((a) => a.articleNumber),
    );
    return wanted.map(([key, value]) =>
      found.has(value)
        ? ok(`${S}.${key}`, `Article ${value} exists in Mplus.`)
        : fail(`${S}.${key}`, `Mplus has no article ${value}; choose an existing article for these lines.`),
    );
  });
}

async function guard(subject: string, work: () => Promise<CheckFinding[]>): Promise<CheckFinding[]> {
  try {
    return await work();
  } catch (caught) {
    return [fail(subject, `Koppel could not check this setting: ${toAppError(caught).message}.`)];
  }
}

const ok = (subject: string, message: string): CheckFinding => ({ subject, ok: true, message });
const fail = (subject: string, message: string): CheckFinding => ({ subject, ok: false, message });
