import { z } from 'zod';

export type Infrastructure = {
  kafkaBrokers: string[];
  databaseUrl: string;
  /** Where it came from, for the log line a failing test prints. */
  origin: 'environment' | 'testcontainers' | 'project-scripts';
};

const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1));

export const infrastructureEnvSchema = z.object({
  KAFKA_BROKERS: brokerList,
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
});

/** Both variables set → that infrastructure; one set without the other is a mistake worth failing on. */
export function infrastructureFromEnvironment(env: NodeJS.ProcessEnv): Infrastructure | undefined {
  if (!env.KAFKA_BROKERS && !env.DATABASE_URL) return undefined;
  const parsed = infrastructureEnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`KAFKA_BROKERS and DATABASE_URL must be set together and valid (${fields})`);
  }
  return {
    kafkaBrokers: parsed.data.KAFKA_BROKERS,
    databaseUrl: parsed.data.DATABASE_URL,
    origin: 'environment',
  };
}

/** Parses the `KEY=value` lines `scripts/infra/up.sh` prints on stdout. */
export function infrastructureFromScriptOutput(stdout: string): Infrastructure {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2];
  }
  const parsed = infrastructureEnvSchema.parse(env);
  return { kafkaBrokers: parsed.KAFKA_BROKERS, databaseUrl: parsed.DATABASE_URL, origin: 'project-scripts' };
}
