/**
 * JSONata 2.2's built-in functions (https://docs.jsonata.org/overview; `staticFrame.bind` and
 * `$now`/`$millis` in jsonata.js). A unit test checks each is a function of the installed jsonata.
 * `$eval` is left out on purpose (see `checkExpression`).
 */
export const JSONATA_FUNCTIONS: ReadonlySet<string> = new Set([
  'sum',
  'count',
  'max',
  'min',
  'average',
  'string',
  'substring',
  'substringBefore',
  'substringAfter',
  'lowercase',
  'uppercase',
  'length',
  'trim',
  'pad',
  'match',
  'contains',
  'replace',
  'split',
  'join',
  'formatNumber',
  'formatBase',
  'formatInteger',
  'parseInteger',
  'number',
  'floor',
  'ceil',
  'round',
  'abs',
  'sqrt',
  'power',
  'random',
  'boolean',
  'not',
  'map',
  'zip',
  'filter',
  'single',
  'reduce',
  'sift',
  'keys',
  'lookup',
  'append',
  'exists',
  'spread',
  'merge',
  'reverse',
  'each',
  'error',
  'assert',
  'type',
  'sort',
  'shuffle',
  'distinct',
  'base64encode',
  'base64decode',
  'encodeUrlComponent',
  'encodeUrl',
  'decodeUrlComponent',
  'decodeUrl',
  'toMillis',
  'fromMillis',
  'clone',
  'now',
  'millis',
]);

/** Variables every rule gets (apply-field-rules.ts). */
const RULE_BINDINGS = new Set(['order', 'index']);

type Node = Record<string, unknown>;

function nodesOf(root: unknown): Node[] {
  const found: Node[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null && !(value instanceof RegExp)) {
      found.push(value as Node);
      Object.values(value).forEach(visit);
    }
  };
  visit(root);
  return found;
}

const variableName = (node: unknown): string | undefined => {
  const candidate = node as Node | undefined;
  return candidate?.type === 'variable' && typeof candidate.value === 'string' ? candidate.value : undefined;
};

/**
 * What a mapping rule must not do, found in the parsed expression: a regular expression could
 * backtrack for seconds inside one call, past the evaluation timeout (checked between steps);
 * `$eval` would run an expression these checks never saw; and a call of a function that neither
 * JSONata nor the expression defines (a typo such as `$upercase`) would fail on every order.
 */
export function checkExpression(ast: unknown): string | undefined {
  const nodes = nodesOf(ast);
  if (nodes.some((node) => node.type === 'regex' || node.type === 'regexp')) {
    return 'regular expressions are not allowed in mapping rules; use $contains, $substringBefore or $replace with text';
  }
  if (nodes.some((node) => variableName(node) === 'eval')) return '$eval is not allowed in mapping rules';
  const declared = new Set(RULE_BINDINGS);
  for (const node of nodes) {
    const bound = node.type === 'bind' ? variableName(node.lhs) : undefined;
    if (bound !== undefined) declared.add(bound);
    if (node.type === 'lambda' && Array.isArray(node.arguments)) {
      for (const argument of node.arguments) {
        const name = variableName(argument);
        if (name !== undefined) declared.add(name);
      }
    }
  }
  for (const node of nodes) {
    if (node.type !== 'function' && node.type !== 'partial') continue;
    const name = variableName(node.procedure);
    if (name !== undefined && !JSONATA_FUNCTIONS.has(name) && !declared.has(name)) {
      return `$${name} is not a JSONata function (https://docs.jsonata.org/overview)`;
    }
  }
  return undefined;
}
