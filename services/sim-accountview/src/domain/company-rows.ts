import type { CompanyState, Row } from './model.js';

/** REC_ID: AccountView's internal row key; a zero-padded counter per company keeps key order. */
export function nextRecId(company: CompanyState): string {
  company.counters.recId += 1;
  return String(company.counters.recId).padStart(10, '0');
}

export function stringField(row: Row, field: string): string | undefined {
  const value = row[field];
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function findDebtor(company: CompanyState, subNr: string): Row | undefined {
  return company.tables.CONTACT.find((r) => r.SUB_NR === subNr);
}

export function findArticle(company: CompanyState, artCode: string): Row | undefined {
  return company.tables.ARTICLE.find((r) => r.ART_CODE === artCode);
}
