import { invalid } from '../errors.js';
import { type Filter, toOperator, type ValueType } from './filters.js';

/**
 * The free-form `Filter` parameter (notes §2.2: `dct_fld.dbf_name='ART_LINE'`, a FoxPro
 * expression). The simulator understands conjunctions of simple comparisons
 * `[table.]FIELD <op> value` joined by `AND`, with `'text'`, numbers, `.T.`/`.F.` and `{^date}`
 * values; anything richer is rejected with an error rather than silently ignored.
 */
const COMPARISON = /^\s*(?:[A-Za-z_][\w]*\.)?([A-Za-z_][\w]*)\s*(==|=|<>|!=|>=|<=|>|<)\s*(.+?)\s*$/;
const SYMBOLS: Record<string, string> = {
  '=': 'equal',
  '==': 'equal',
  '<>': 'notequal',
  '!=': 'notequal',
  '>': 'greater',
  '>=': 'greaterorequal',
  '<': 'less',
  '<=': 'lessorequal',
};

export function parseFilterExpression(expression: string): Filter[] {
  return splitOnAnd(expression).map((part) => {
    const match = COMPARISON.exec(part);
    if (!match) throw invalid(`Unsupported Filter expression '${part.trim()}'`);
    const [, field = '', symbol = '=', rawValue = ''] = match;
    const { type, value } = parseLiteral(rawValue);
    return { field: field.toUpperCase(), op: toOperator(SYMBOLS[symbol] ?? 'equal'), type, values: [value] };
  });
}

function splitOnAnd(expression: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i] ?? '';
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (/^\s+and\s+/i.test(expression.slice(i))) {
      parts.push(current);
      current = '';
      i += (/^\s+and\s+/i.exec(expression.slice(i))?.[0].length ?? 1) - 1;
      continue;
    }
    current += ch;
  }
  if (quote) throw invalid('Unterminated string in Filter expression');
  parts.push(current);
  return parts;
}

function parseLiteral(raw: string): { type: ValueType; value: string } {
  // A string literal may not contain its own quote: `'a' OR b = 'c'` is not one literal.
  const quoted = /^'([^']*)'$/.exec(raw) ?? /^"([^"]*)"$/.exec(raw);
  if (quoted) return { type: 'C', value: quoted[1] ?? '' };
  if (/^\.(t|f)\.$/i.test(raw)) return { type: 'L', value: raw.toUpperCase() === '.T.' ? 'true' : 'false' };
  if (/^\{\^[^}]+\}$/.test(raw)) return { type: raw.includes(':') ? 'T' : 'D', value: raw };
  if (/^-?\d+(\.\d+)?$/.test(raw)) return { type: 'N', value: raw };
  throw invalid(`Unsupported value '${raw}' in Filter expression`);
}
