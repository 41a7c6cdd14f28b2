/**
 * The connection check, in words a shop owner understands: the account and API user first
 * (`GET tomb_invoice`: 401 wrong user or password, 404 unknown account), then the invoice pad,
 * the stock warehouse (`GET product`) and what the document settings mean. A failing log-in stops
 * the check, since nothing else can be tried without it.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { toAppError } from '@koppel/errors';
import type { XmlObject } from './client.js';
import type { InnvoiceSession } from './session.js';

const S = 'target.settings';
const C = 'target.credentials';

export async function check(session: InnvoiceSession): Promise<CheckFinding[]> {
  const settings = session.settings;
  let pads: XmlObject[];
  try {
    const answer = await session.client.get('/tomb_invoice', 'check of the invoice pads');
    pads = list((answer.tomb_invoice as XmlObject | undefined)?.invoice);
  } catch (caught) {
    const error = toAppError(caught);
    if (error.code === 'TARGET_AUTH_FAILED') {
      return [
        {
          subject: `${C}.password`,
          ok: false,
          message:
            'InnVoice does not accept this API user name and password. Copy them again from InnVoice ' +
            '(Beállítások → API hozzáférés) exactly as shown.',
        },
      ];
    }
    if (error.field === `${S}.company`) {
      return [
        {
          subject: `${S}.company`,
          ok: false,
          message: `InnVoice has no account named “${settings.company}”. Enter the registration name of your InnVoice account.`,
        },
      ];
    }
    return [
      {
        subject: `${S}.apiBaseUrl`,
        ok: false,
        message: `Koppel could not reach InnVoice at ${settings.apiBaseUrl} (${error.message}). Check the address; if it is right, try again later.`,
      },
    ];
  }
  const findings: CheckFinding[] = [
    {
      subject: `${C}.password`,
      ok: true,
      message: `InnVoice accepts the API user of account “${settings.company}”.`,
    },
  ];
  const pad = pads.find((p) => String(p.TABLE_ID) === String(settings.invoicePadId));
  findings.push(
    pad
      ? {
          subject: `${S}.invoicePadId`,
          ok: true,
          message: `Documents of this shop go into invoice pad ${settings.invoicePadId}${typeof pad.Nev === 'string' ? ` “${pad.Nev}”` : ''}.`,
        }
      : {
          subject: `${S}.invoicePadId`,
          ok: false,
          message: `InnVoice has no invoice pad ${settings.invoicePadId}. Pick one of: ${pads.map((p) => `${String(p.TABLE_ID)} ${String(p.Nev ?? '')}`.trim()).join(', ') || 'none found'}.`,
        },
  );
  if (settings.stockWarehouseId !== undefined)
    findings.push(await checkWarehouse(session, settings.stockWarehouseId));
  findings.push(documentFinding(session));
  return findings;
}

async function checkWarehouse(session: InnvoiceSession, warehouseId: number): Promise<CheckFinding> {
  const subject = `${S}.stockWarehouseId`;
  try {
    const answer = await session.client.get('/product', 'check of the warehouse');
    const products = list((answer.response as XmlObject | undefined)?.product);
    const warehouses = new Set(
      products.flatMap((p) =>
        list((p.Keszletek as XmlObject | undefined)?.Keszlet).map((k) => String(k.RaktarID)),
      ),
    );
    if (products.length > 0 && !warehouses.has(String(warehouseId))) {
      return {
        subject,
        ok: false,
        message: `None of your InnVoice products has stock in warehouse ${warehouseId}. Pick the warehouse orders take stock from (${[...warehouses].join(', ')}).`,
      };
    }
    return {
      subject,
      ok: true,
      message: `Stock is taken from warehouse ${warehouseId} by SKU; products InnVoice does not know move no stock.`,
    };
  } catch (caught) {
    return {
      subject,
      ok: false,
      message: `Koppel could not read your products to check the warehouse: ${toAppError(caught).message}`,
    };
  }
}

function documentFinding(session: InnvoiceSession): CheckFinding {
  const s = session.settings;
  const kind = s.documentType === 'proforma' ? 'a proforma (díjbekérő)' : 'an invoice';
  const how = s.finalisation === 'draft' ? 'set aside as a draft you finalise in InnVoice' : 'issued at once';
  const mail =
    s.emailDocument && s.finalisation === 'draft'
      ? ' Drafts are never e-mailed, so the e-mail setting has no effect until you switch to final documents.'
      : s.emailDocument
        ? ' InnVoice e-mails it to the customer.'
        : '';
  return { subject: `${S}.documentType`, ok: true, message: `Each order becomes ${kind}, ${how}.${mail}` };
}

function list(value: unknown): XmlObject[] {
  if (Array.isArray(value)) return value.filter((v): v is XmlObject => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as XmlObject] : [];
}
