// Reading the docker-archive tarballs build-images.sh writes (crane's tarball format, what
// `docker save` writes and `docker load` reads): manifest.json names the config file and the
// gzipped layers in order. Read with the system's tar, so nothing is held in memory.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const manifestSchema = z
  .array(z.object({ Config: z.string(), RepoTags: z.array(z.string()), Layers: z.array(z.string()).min(1) }))
  .length(1);

export type ArchiveManifest = z.infer<typeof manifestSchema>[number];

export const imageConfigSchema = z.object({
  architecture: z.string(),
  os: z.string(),
  config: z.object({
    User: z.string().optional(),
    Env: z.array(z.string()).default([]),
    Entrypoint: z.array(z.string()).nullish(),
    Cmd: z.array(z.string()).nullish(),
    WorkingDir: z.string().optional(),
    ExposedPorts: z.record(z.string(), z.unknown()).optional(),
    Volumes: z.record(z.string(), z.unknown()).optional(),
    Labels: z.record(z.string(), z.string()).optional(),
    Healthcheck: z.object({ Test: z.array(z.string()) }).optional(),
  }),
  rootfs: z.object({ diff_ids: z.array(z.string()) }),
});

export type ImageConfig = z.infer<typeof imageConfigSchema>;

const maxBuffer = 64 * 1024 * 1024;

function readMember(archive: string, member: string): string {
  return execFileSync('tar', ['-xOf', archive, member], { encoding: 'utf8', maxBuffer });
}

export function readArchiveManifest(archive: string): ArchiveManifest {
  const [manifest] = manifestSchema.parse(JSON.parse(readMember(archive, 'manifest.json')));
  return manifest!;
}

export function readArchiveConfig(archive: string, manifest = readArchiveManifest(archive)): ImageConfig {
  return imageConfigSchema.parse(JSON.parse(readMember(archive, manifest.Config)));
}

/** Sizes of the archive's members in bytes (the gzipped layers), from tar's listing. */
export function archiveMemberSizes(archive: string): Map<string, number> {
  const listing = execFileSync('tar', ['-tvf', archive], { encoding: 'utf8', maxBuffer });
  const sizes = new Map<string, number>();
  for (const line of listing.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length >= 6) sizes.set(fields.slice(5).join(' '), Number(fields[2]));
  }
  return sizes;
}

/**
 * The image's root filesystem: every layer unpacked in order into `target`, as a container
 * runtime would. The layers of these images add files only: a whiteout (`.wh.` entry) would need
 * deleting what it names, so one fails here rather than being unpacked wrongly.
 */
export function extractRootFilesystem(
  archive: string,
  target: string,
  manifest = readArchiveManifest(archive),
): void {
  const blobs = `${target}.blobs`;
  mkdirSync(target, { recursive: true });
  mkdirSync(blobs, { recursive: true });
  try {
    execFileSync('tar', ['-xf', archive, '-C', blobs, ...manifest.Layers]);
    for (const layer of manifest.Layers) {
      execFileSync('tar', [
        '-xzf',
        join(blobs, layer),
        '-C',
        target,
        '--numeric-owner',
        '--same-permissions',
      ]);
    }
  } finally {
    rmSync(blobs, { recursive: true, force: true });
  }
  const whiteouts = execFileSync('find', [target, '-name', '.wh.*'], { encoding: 'utf8' });
  if (whiteouts.trim() !== '') throw new Error(`the layers hold whiteouts, not supported here: ${whiteouts}`);
}
