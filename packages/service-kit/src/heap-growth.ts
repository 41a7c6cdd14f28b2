import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again. By default the factor floats between 1.1 and 4 by how fast collection runs, so
 * a process whose live heap is 40 MB may hold 150 MB of garbage under load. A fixed percentage
 * keeps the heap near its live size for a little more collection work. 0 keeps V8's own choice.
 *
 * V8 reads this flag each time it sets the next collection's limit, so setting it at start-up
 * (rather than on the `node` command line, where NODE_OPTIONS may not carry it) takes effect.
 */
export function setHeapGrowingPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 1000) {
    throw new RangeError(`heap growing percent must be a whole number from 0 to 1000, not ${percent}`);
  }
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
