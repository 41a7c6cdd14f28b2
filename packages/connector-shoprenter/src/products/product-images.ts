/**
 * Images for Shoprenter: the shop takes image data, not URLs. A file is uploaded with
 * `POST /files` (`filePath` "product/<name>", `type` "image", `attachment` base64), then named as
 * the product's `mainPicture` or an additional `productImages` row (api-examples 05). File names
 * may hold English letters, digits and `()_-` only; Koppel names each file after the SKU and a
 * hash of its bytes, so the same image keeps its path (POST /files replaces a file on the same
 * path) and a changed image gets a new one. `data:` URLs are uploaded; other URLs are not (the
 * connector does not download them), see README.md "Product sink".
 * https://doc.shoprenter.hu/development/api-examples/05_attach_uploaded_image_to_product.html
 */
import { createHash } from 'node:crypto';

export type ImageFile = { filePath: string; attachment: string };

const DATA_URL = /^data:image\/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;
const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', jpg: 'jpg', png: 'png', gif: 'gif', webp: 'webp' };

/** The files to upload for a product's images, in order; URLs that are no inline image are skipped. */
export function imageFilesOf(sku: string, images: readonly string[]): ImageFile[] {
  const stem = sku.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'product';
  const files: ImageFile[] = [];
  for (const image of images) {
    const match = DATA_URL.exec(image.trim());
    const extension = EXTENSIONS[(match?.[1] ?? '').toLowerCase()];
    const attachment = match?.[2]?.replace(/\s+/g, '');
    if (!extension || !attachment) continue;
    const hash = createHash('sha1').update(attachment).digest('hex').slice(0, 10);
    const filePath = `product/${stem}-${hash}.${extension}`;
    if (!files.some((f) => f.filePath === filePath)) files.push({ filePath, attachment });
  }
  return files;
}
