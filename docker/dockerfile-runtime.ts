// The runtime stage of docker/Dockerfile as data: what its ENV, USER, WORKDIR, EXPOSE, VOLUME,
// HEALTHCHECK and CMD give the image. build-images.sh writes the image config from it, and
// verify-images.ts checks the built config against it, so the two ways of building cannot drift.
// Only the instruction forms the Dockerfile uses are read (exec-form CMD/HEALTHCHECK, key=value ENV).
import { z } from 'zod';

export type DockerfileRuntime = {
  /** ENV of the runtime stage, in order (key=value). */
  env: string[];
  /** USER, as written (a name: resolved through the image's /etc/passwd). */
  user: string;
  /** The last WORKDIR, with ${SERVICE} still in it. */
  workdirTemplate: string;
  exposedPorts: string[];
  volumes: string[];
  cmd: string[];
  healthcheck: {
    test: string[];
    intervalSeconds: number;
    timeoutSeconds: number;
    startPeriodSeconds: number;
    retries: number;
  };
};

type Instruction = { keyword: string; argument: string };

const execFormSchema = z.array(z.string()).min(1);

/** Instructions of the last stage (after the last FROM), continuation lines joined. */
export function lastStageInstructions(dockerfile: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const rawLine of dockerfile.split('\n')) {
    const line = rawLine.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${current}${line}`.trim());
    current = '';
  }
  const instructions = logical.map((line) => {
    const space = line.search(/\s/);
    return { keyword: line.slice(0, space).toUpperCase(), argument: line.slice(space + 1).trim() };
  });
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(lastFrom + 1);
}

function durationSeconds(value: string): number {
  const match = /^(\d+)(s|m)$/.exec(value);
  if (!match) throw new Error(`HEALTHCHECK duration "${value}": expected <n>s or <n>m`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

function parseHealthcheck(argument: string): DockerfileRuntime['healthcheck'] {
  const cmdAt = argument.indexOf('CMD ');
  if (cmdAt < 0) throw new Error('HEALTHCHECK without exec-form CMD');
  const options = new Map(
    argument
      .slice(0, cmdAt)
      .trim()
      .split(/\s+/)
      .map((option) => {
        const [name, value] = option.replace(/^--/, '').split('=');
        return [name ?? '', value ?? ''] as const;
      }),
  );
  return {
    test: execFormSchema.parse(JSON.parse(argument.slice(cmdAt + 4))),
    intervalSeconds: durationSeconds(options.get('interval') ?? '30s'),
    timeoutSeconds: durationSeconds(options.get('timeout') ?? '30s'),
    startPeriodSeconds: durationSeconds(options.get('start-period') ?? '0s'),
    retries: Number(options.get('retries') ?? '3'),
  };
}

export function parseDockerfileRuntime(dockerfile: string): DockerfileRuntime {
  const runtime: Partial<DockerfileRuntime> & { env: string[]; exposedPorts: string[]; volumes: string[] } = {
    env: [],
    exposedPorts: [],
    volumes: [],
  };
  for (const { keyword, argument } of lastStageInstructions(dockerfile)) {
    if (keyword === 'ENV') runtime.env.push(...argument.split(/\s+/));
    else if (keyword === 'USER') runtime.user = argument;
    else if (keyword === 'WORKDIR') runtime.workdirTemplate = argument;
    else if (keyword === 'EXPOSE')
      runtime.exposedPorts.push(...argument.split(/\s+/).map((p) => (p.includes('/') ? p : `${p}/tcp`)));
    else if (keyword === 'VOLUME') runtime.volumes.push(...execFormSchema.parse(JSON.parse(argument)));
    else if (keyword === 'CMD') runtime.cmd = execFormSchema.parse(JSON.parse(argument));
    else if (keyword === 'HEALTHCHECK') runtime.healthcheck = parseHealthcheck(argument);
  }
  const { user, workdirTemplate, cmd, healthcheck } = runtime;
  if (!user || !workdirTemplate || !cmd || !healthcheck) {
    throw new Error('docker/Dockerfile: the runtime stage lacks USER, WORKDIR, CMD or HEALTHCHECK');
  }
  return { ...runtime, user, workdirTemplate, cmd, healthcheck };
}

export function workdirOf(runtime: DockerfileRuntime, service: string): string {
  return runtime.workdirTemplate.replace(/\$\{SERVICE\}/, service);
}
