import type { FastifyInstance } from 'fastify';
import type { InnvoiceState } from '../domain/model.js';
import { sendError } from './xml-reply.js';

/**
 * `PrintUrl` targets: downloadable without credentials (INV-LARAVEL fetches them with a bare GET),
 * guarded by a random key. Serves a one-page placeholder PDF.
 */
function placeholderPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function printRoutes(app: FastifyInstance, options: { getState: () => InnvoiceState }) {
  app.get<{ Params: { company: string; techid: string; key: string } }>(
    '/:company/print/:techid/:key',
    async (request, reply) => {
      const { company: name, techid, key } = request.params;
      const company = options.getState().companies.find((c) => c.name === name);
      const doc = company?.documents.find((d) => d.techId === techid && `${d.printKey}.pdf` === key);
      if (!doc) return sendError(reply, 'notFound', 'A bizonylat nem található');
      const label =
        doc.number ?? (doc.kind === 'proforma' ? `Dijbekero ${doc.techId}` : `Piszkozat ${doc.techId}`);
      return reply.type('application/pdf').send(placeholderPdf(`InnVoice szimulator - ${label}`));
    },
  );
}
