/**
 * Article images (spec `ArticleImage`, `ArticleImagePostable`, `ArticleUploadImagePostable`):
 * attached by URL in an article's `images` on POST/PATCH (`{id?, url, position}`), or uploaded as
 * base64 with `POST /articles/uploadImage/{article_id}` "without interim storage". [INF] a PATCH
 * with `images` replaces the article's image set, as `lists[].options` do (changelog
 * 2019-07-01); an image named by an existing `id` keeps its id. README.md "Categories and images".
 */
import { createHash } from 'node:crypto';
import { appError } from '@koppel/errors';
import { ASSET_BASE, type ArticleImage } from './catalog-schema.js';
import type { StateHolder } from './state-holder.js';

export type ImageInput = { id?: string | undefined; url: string; position?: number | undefined };

function served(id: string, name: string, position: number, key: string): ArticleImage {
  return {
    position: String(position),
    id,
    original_name: name,
    url: `${ASSET_BASE}/full/${key}`,
    urls: {
      full: `${ASSET_BASE}/full/${key}`,
      article: `${ASSET_BASE}/article/${key}`,
      thumb: `${ASSET_BASE}/thumb/${key}`,
    },
  };
}

const keyOf = (text: string) => createHash('sha1').update(text).digest('hex');
const nameOf = (url: string) =>
  url
    .split('/')
    .at(-1)
    ?.replace(/\.[a-z0-9]+$/i, '') ?? 'image';

/** The image set an article gets from `images` in a POST or PATCH body. */
export function imagesFromInput(
  holder: StateHolder,
  inputs: readonly ImageInput[],
  existing: readonly ArticleImage[],
): ArticleImage[] {
  return inputs.map((input, index) => {
    const kept = input.id === undefined ? undefined : existing.find((image) => image.id === input.id);
    if (input.id !== undefined && !kept) {
      throw appError('VALIDATION_FAILED', 'no image with this id', { field: `images[${index}].id` });
    }
    const position = input.position ?? index + 1;
    if (kept) return { ...kept, position: String(position) };
    return served(holder.newId(), nameOf(input.url), position, keyOf(input.url));
  });
}

/** An uploaded image (base64 `content`), placed at `position` among the article's images. */
export function uploadedImage(
  holder: StateHolder,
  input: { filename: string; position?: number | undefined; content: string },
  existing: readonly ArticleImage[],
): ArticleImage {
  const bytes = Buffer.from(input.content, 'base64');
  if (
    bytes.length === 0 ||
    bytes.toString('base64').replace(/=+$/, '') !== input.content.replace(/=+$/, '')
  ) {
    throw appError('VALIDATION_FAILED', 'not base64 image data', { field: 'content' });
  }
  const position = input.position ?? existing.length + 1;
  return served(holder.newId(), input.filename.replace(/\.[a-z0-9]+$/i, ''), position, keyOf(input.content));
}
