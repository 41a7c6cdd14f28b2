import { createRequire } from 'node:module';

/**
 * Remembers where a `require` from a package under node_modules resolved, per requiring file.
 *
 * Why: kafkajs requires its protocol modules inside every request (`require('./v5/request')`
 * in each produce, fetch and offset commit). The HTTP instrumentation's require hook
 * (require-in-the-middle) resolves the file name of every `require` again, and under tsx that
 * resolution tries the TypeScript extensions first and throws (a stack trace, source-mapped)
 * before it finds the `.js`. CPU profiles put 4 to 10 % of a stage's busy time there. Node's
 * own require keeps the same per-file cache (`relativeResolveCache`); this one sits in front
 * of the patched resolver, for packages only (their files do not move while the process runs).
 */
type Resolver = (
  request: string,
  parent: { filename?: string | null } | undefined,
  ...rest: unknown[]
) => string;

export function cachePackageResolution(): void {
  const Module = createRequire(import.meta.url)('node:module') as {
    _resolveFilename: Resolver & { cached?: true };
  };
  const resolve = Module._resolveFilename;
  if (typeof resolve !== 'function' || resolve.cached) return;
  const resolved = new Map<string, string>();
  const cachedResolve: Resolver & { cached?: true } = function (this: unknown, request, parent, ...rest) {
    const from = parent?.filename;
    if (rest.length > 0 || !from || !from.includes('/node_modules/')) {
      return resolve.call(this, request, parent, ...rest);
    }
    const key = `${from}\u0000${request}`;
    let filename = resolved.get(key);
    if (filename === undefined) {
      filename = resolve.call(this, request, parent);
      resolved.set(key, filename);
    }
    return filename;
  };
  cachedResolve.cached = true;
  Module._resolveFilename = cachedResolve;
}
