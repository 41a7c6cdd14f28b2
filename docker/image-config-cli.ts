// Reads the image config crane printed on stdin, writes it back with the Dockerfile's runtime
// settings (image-config.ts), for `crane edit config`.
// Usage: image-config-cli.ts <node version> <created epoch seconds> <the image's /etc/passwd>
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { parseDockerfileRuntime } from './dockerfile-runtime.js';
import { imageConfigFileSchema, parsePasswd, withRuntimeConfig } from './image-config.js';

const [nodeVersion, epoch, passwdPath] = z
  .tuple([z.string().min(1), z.coerce.number().int().nonnegative(), z.string().min(1)])
  .parse(process.argv.slice(2));
const file = imageConfigFileSchema.parse(JSON.parse(await text(process.stdin)));
const runtime = parseDockerfileRuntime(readFileSync(resolve(import.meta.dirname, 'Dockerfile'), 'utf8'));
const passwd = parsePasswd(readFileSync(passwdPath, 'utf8'));
process.stdout.write(
  JSON.stringify(withRuntimeConfig(file, { runtime, passwd, nodeVersion, createdEpochSeconds: epoch })),
);
