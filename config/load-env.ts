// Reading the environment with a schema (config/env.ts holds the schemas): secrets from `KEY_FILE`
// files, empty values as unset, and one error naming every bad key.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee .env.example for every key.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * `KEY_FILE=/path` gives KEY the file's contents (one trailing newline dropped), for every KEY the
 * schema reads that is not itself a `_FILE` key: compose and Kubernetes mount secrets as files, and a
 * secret in a file stays out of `docker inspect`, process listings and crash dumps.
 */
function readSecretFiles(
  source: Record<string, string>,
  keys: ReadonlySet<string>,
): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, path] of Object.entries(source)) {
    const key = name.slice(0, -'_FILE'.length);
    if (!name.endsWith('_FILE') || keys.has(name) || !keys.has(key)) continue;
    if (source[key] !== undefined) {
      problems.push(`${name}: ${key} is set too; give one of them`);
      continue;
    }
    try {
      values[key] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return { values, problems };
}

/** Parses the environment with `schema`, or throws one ConfigError naming every bad key. */
export function loadEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // An empty string means "not set": shells and compose files often export KEY= for unset keys.
  const given = Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== '' && entry[1] !== undefined,
    ),
  );
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const secrets = readSecretFiles(given, new Set(Object.keys(shape)));
  if (secrets.problems.length > 0) throw new ConfigError(secrets.problems);
  const cleaned: Record<string, string> = { ...given, ...secrets.values };
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const message =
        issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
      return `${key}: ${message}`;
    }),
  );
}
