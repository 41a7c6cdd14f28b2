/**
 * Inline images (`data:` URLs) uploaded to an article with `POST /articles/uploadImage/{id}`
 * (`filename`, `position`, `content` base64). Each file is named after the SKU and a hash of its
 * bytes; an image whose name the article already shows (`original_name`) is not uploaded again.
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import { createHash } from 'node:crypto';
import type { CatalogProduct } from '@koppel/connector-sdk';
import { z } from 'zod';
import type { ProductClient } from './product-client.js';

const DATA_URL = /^data:image\/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;
const shownSchema = z.object({
  images: z.array(z.object({ original_name: z.string().optional() })).default([]),
});

export function inlineImagesOf(
  product: CatalogProduct,
): { filename: string; content: string; position: number }[] {
  const stem = product.sku.replace(/[^A-Za-z0-9_-]+/g, '_') || 'article';
  return product.images.flatMap((image, index) => {
    const match = DATA_URL.exec(image.trim());
    const content = match?.[2]?.replace(/\s+/g, '');
    if (!match || !content) return [];
    const hash = createHash('sha1').update(content).digest('hex').slice(0, 10);
    const extension =
      (match[1] ?? 'jpg').toLowerCase() === 'jpeg' ? 'jpg' : (match[1] ?? 'jpg').toLowerCase();
    return [{ filename: `${stem}-${hash}.${extension}`, content, position: index + 1 }];
  });
}

/** Uploads the product's inline images the article (as answered) does not show; a refusal's reason, if any. */
export async function uploadInlineImages(
  client: ProductClient,
  articleId: number,
  article: unknown,
  product: CatalogProduct,
): Promise<string | undefined> {
  const shown = new Set(
    (shownSchema.safeParse(article).data?.images ?? []).map((i) =>
      (i.original_name ?? '').replace(/\.[a-z0-9]+$/i, ''),
    ),
  );
  for (const image of inlineImagesOf(product)) {
    if (shown.has(image.filename.replace(/\.[a-z0-9]+$/i, ''))) continue;
    const answer = await client.call('POST', `/articles/uploadImage/${articleId}`, { body: image });
    if (!answer.ok) return `image ${image.filename}: ${answer.reason}`;
  }
  return undefined;
}
