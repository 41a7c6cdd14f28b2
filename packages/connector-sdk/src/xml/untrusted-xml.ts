/**
 * XML from outside (webhook bodies, shop exports) is checked before any parser sees it. A
 * document type declaration is refused outright, never expanded: internal entities are the
 * "billion laughs" attack and external ones read files or URLs
 * (https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing).
 * No order format Koppel reads declares one, so nothing legitimate is lost.
 */
import { type XMLParser, XMLValidator } from 'fast-xml-parser';

/** Why the text must not be parsed, with the line it was found on. */
export type XmlProblem = { line: number; message: string };

const DOCTYPE_OR_ENTITY = /<!\s*(DOCTYPE|ENTITY)\b/i;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Undefined when the text is well-formed XML without a DOCTYPE or ENTITY declaration. */
export function untrustedXmlProblem(text: string): XmlProblem | undefined {
  const declaration = DOCTYPE_OR_ENTITY.exec(text);
  if (declaration) {
    return {
      line: lineOf(text, declaration.index),
      message: `a <!${declaration[1]?.toUpperCase()}> declaration is not accepted (entities are never expanded)`,
    };
  }
  const verdict = XMLValidator.validate(text);
  return verdict === true ? undefined : { line: verdict.err.line, message: verdict.err.msg };
}

/**
 * The text parsed with `parser` once `untrustedXmlProblem` finds nothing wrong. The parser may
 * still refuse what the validator let through (an unclosed processing instruction): that is a
 * problem too, never an exception.
 */
export function parseUntrustedXml(
  parser: XMLParser,
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: XmlProblem } {
  const problem = untrustedXmlProblem(text);
  if (problem) return { ok: false, problem };
  try {
    return { ok: true, value: parser.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { line: 0, message } };
  }
}
