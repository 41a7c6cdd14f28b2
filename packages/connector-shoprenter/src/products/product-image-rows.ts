/**
 * Additional product images (all but the first, which is the product's `mainPicture`): a
 * `productImages` row per uploaded file the product does not show yet. The rows a product has
 * are read first (`GET /productImages?productId=`, one `/batch`), so an update adds only what is
 * new and keeps the images the shop owner added.
 * https://doc.shoprenter.hu/api/product_image.html
 */
import type { ShoprenterSession } from '../poll-orders.js';
import { sendCatalogBatch } from './catalog-batch.js';
import { pageOf, productImageSchema } from './catalog-schemas.js';
import type { ImageFile } from './product-images.js';
import type { ProductWork } from './prepare-products.js';

const imagePageSchema = pageOf(productImageSchema);

export async function addProductImages(
  session: ShoprenterSession,
  targets: { work: ProductWork; productId: string; images: ImageFile[] }[],
): Promise<void> {
  const wanted = targets.filter((t) => t.images.length > 0 && t.work.refusal === undefined);
  if (wanted.length === 0) return;
  const existing = await sendCatalogBatch(
    session,
    wanted.map((t) => ({
      method: 'GET',
      path: `/productImages?productId=${encodeURIComponent(t.productId)}&full=1&limit=200`,
    })),
  );
  const posts: { work: ProductWork; data: Record<string, unknown> }[] = [];
  for (const [index, target] of wanted.entries()) {
    const answer = existing[index];
    const page = answer?.ok ? imagePageSchema.safeParse(answer.body) : undefined;
    const shown = new Set(page?.success ? page.data.items.map((i) => i.imagePath) : []);
    for (const [position, image] of target.images.entries()) {
      if (shown.has(image.filePath)) continue;
      posts.push({
        work: target.work,
        data: {
          imagePath: image.filePath,
          sortOrder: String(position + 1),
          product: { id: target.productId },
        },
      });
    }
  }
  const outcomes = await sendCatalogBatch(
    session,
    posts.map((p) => ({ method: 'POST', path: '/productImages', data: p.data })),
  );
  for (const [index, post] of posts.entries()) {
    const outcome = outcomes[index];
    if (outcome && !outcome.ok)
      post.work.refusal ??= `image ${String(post.data.imagePath)}: ${outcome.reason}`;
  }
}
