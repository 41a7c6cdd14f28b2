// build.json beside the images: what went into them (versions, layers) and their sizes.
// Usage: image-build-report.ts <images dir> <build work dir> <node version> <tsx version> <seconds> <service>...
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { archiveMemberSizes, readArchiveConfig, readArchiveManifest } from './image-archive.js';
import { imageArchiveName, readImagePlan } from './image-plan.js';

const [imagesDir, workDir, nodeVersion, tsxVersion, seconds, ...services] = z
  .tuple([z.string(), z.string(), z.string(), z.string(), z.coerce.number()], z.string())
  .parse(process.argv.slice(2));
const { appVersion } = readImagePlan();
const debsDir = resolve(workDir, 'debs');

const debianPackages = readdirSync(debsDir)
  .filter((name) => name.endsWith('.deb'))
  .map((name) => {
    const field = (key: string) =>
      execFileSync('dpkg-deb', ['-f', resolve(debsDir, name), key], { encoding: 'utf8' }).trim();
    return { name: field('Package'), version: field('Version') };
  });

const images = services.map((service) => {
  const file = resolve(imagesDir, imageArchiveName(service, appVersion));
  const manifest = readArchiveManifest(file);
  const config = readArchiveConfig(file, manifest);
  return {
    service,
    tags: manifest.RepoTags,
    file,
    bytes: statSync(file).size,
    workingDir: config.config.WorkingDir,
  };
});

const first = images[0];
const layerNames = ['os', 'node', 'deps', 'source'];
const layers = first
  ? (() => {
      const manifest = readArchiveManifest(first.file);
      const sizes = archiveMemberSizes(first.file);
      const config = readArchiveConfig(first.file, manifest);
      return manifest.Layers.map((layer, index) => ({
        content: layerNames[index] ?? '',
        diffId: config.rootfs.diff_ids[index],
        gzippedBytes: sizes.get(layer) ?? null,
        bytes: statSync(resolve(workDir, 'layers', `${layerNames[index]}.tar`)).size,
      }));
    })()
  : [];

process.stdout.write(
  `${JSON.stringify({ appVersion, builtSeconds: seconds, node: nodeVersion, tsx: tsxVersion, debianPackages, layers, images }, null, 2)}\n`,
);
