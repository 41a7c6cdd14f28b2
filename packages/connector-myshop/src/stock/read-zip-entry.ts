/**
 * The first file of a zip archive, as `productlist/get` answers (a zip holding one XML file, per
 * the vendor's client). Read through the end-of-central-directory record and the central
 * directory (so a data descriptor does not matter), stored or deflated, with node:zlib. No zip
 * reader is among Koppel's dependencies and one entry needs only this much.
 * https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.6, 4.3.7, 4.3.12, 4.3.16)
 */
import { inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;

export type ZipEntry = { name: string; content: Buffer };

/** The archive's first entry, or a message saying why it cannot be read. */
export function readFirstZipEntry(zip: Buffer): ZipEntry | { error: string } {
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= from; at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return { error: 'no zip end record' };
  if (zip.readUInt16LE(end + 10) < 1) return { error: 'the zip is empty' };
  const central = zip.readUInt32LE(end + 16);
  if (central + 46 > zip.length || zip.readUInt32LE(central) !== CENTRAL_HEADER) {
    return { error: 'no central directory entry' };
  }
  const method = zip.readUInt16LE(central + 10);
  const compressedSize = zip.readUInt32LE(central + 20);
  const nameLength = zip.readUInt16LE(central + 28);
  const name = zip.toString('utf8', central + 46, central + 46 + nameLength);
  const local = zip.readUInt32LE(central + 42);
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER)
    return { error: 'no local header' };
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (data.length !== compressedSize) return { error: 'the zip is cut short' };
  if (method === STORED) return { name, content: Buffer.from(data) };
  if (method !== DEFLATED) return { error: `unsupported zip method ${method}` };
  try {
    return { name, content: inflateRawSync(data) };
  } catch (cause) {
    return { error: `the zip entry does not inflate: ${(cause as Error).message}` };
  }
}
