import { MPLUS_NS } from './envelope.js';

/**
 * The WSDL the simulator serves at `GET /?wsdl` (notes §3.1: "WSDL at `<location>?wsdl`" [C]).
 * Its frame follows the vendor's (MP-WSDL, https://github.com/MplusKASSA/mplusqapi-php,
 * `mplusqapi.wsdl`): `definitions name="MplusQapi"` in `urn:mplusqapi`, one message per operation
 * with a single part `Body`, port type `MplusQapiPortType`, a document/literal SOAP 1.1 binding
 * `MplusQapi` with `soapAction=""`, and service `MplusQapi` with the vendor's documentation string.
 * It lists only the operations this simulator implements, with the element names it answers
 * (`<op>Response`). The element contents are declared loosely (`xsd:any`): the vendor's full type
 * system (748 operations) is not reproduced, so a client generator gets the operations, not the types.
 */
export function buildWsdl(operations: readonly string[], location: string): string {
  const ops = [...operations].sort();
  const loose = (name: string) =>
    `      <element name="${name}">\n        <complexType>\n          <sequence>\n` +
    '            <any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded" />\n' +
    '          </sequence>\n        </complexType>\n      </element>\n';
  const elements = ops.map((op) => loose(op) + loose(`${op}Response`)).join('');
  const messages = ops
    .map(
      (op) =>
        `  <message name="${op}">\n    <part name="Body" element="tns:${op}" />\n  </message>\n` +
        `  <message name="${op}Response">\n    <part name="Body" element="tns:${op}Response" />\n  </message>\n`,
    )
    .join('');
  const portOps = ops
    .map(
      (op) =>
        `    <operation name="${op}">\n      <input message="tns:${op}" />\n` +
        `      <output message="tns:${op}Response" />\n    </operation>\n`,
    )
    .join('');
  const body = '<SOAP:body use="literal" parts="Body" />';
  const bindingOps = ops
    .map(
      (op) =>
        `    <operation name="${op}">\n      <SOAP:operation soapAction="" />\n` +
        `      <input>\n        ${body}\n      </input>\n      <output>\n        ${body}\n      </output>\n` +
        '    </operation>\n',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<definitions name="MplusQapi" targetNamespace="${MPLUS_NS}" xmlns:tns="${MPLUS_NS}" ` +
    `xmlns:ns="${MPLUS_NS}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
    'xmlns:SOAP="http://schemas.xmlsoap.org/wsdl/soap/" xmlns="http://schemas.xmlsoap.org/wsdl/">\n' +
    '  <types>\n' +
    `    <xsd:schema targetNamespace="${MPLUS_NS}" elementFormDefault="qualified" ` +
    'attributeFormDefault="unqualified" xmlns="http://www.w3.org/2001/XMLSchema">\n' +
    elements +
    '    </xsd:schema>\n  </types>\n' +
    messages +
    `  <portType name="MplusQapiPortType">\n${portOps}  </portType>\n` +
    '  <binding name="MplusQapi" type="tns:MplusQapiPortType">\n' +
    '    <SOAP:binding style="document" transport="http://schemas.xmlsoap.org/soap/http" />\n' +
    bindingOps +
    '  </binding>\n' +
    '  <service name="MplusQapi">\n' +
    '    <documentation>API for building integrations with the data of MplusKASSA</documentation>\n' +
    '    <port name="MplusQapi" binding="tns:MplusQapi">\n' +
    `      <SOAP:address location="${escapeAttribute(location)}" />\n` +
    '    </port>\n  </service>\n</definitions>\n'
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
