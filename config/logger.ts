// pino for every process outside Temporal's sandbox. Personal data never reaches a log line: the
// fields that carry it are redacted wherever they appear (two levels deep), and so are credentials.
import pino, { type Logger } from 'pino';

/** Keys whose values are personal data or secrets (DESIGN.md §3, STYLE rule 34). */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'pin',
  'name',
  'fullName',
  'dateOfBirth',
  'birthDate',
  'address',
  'phone',
  'email',
] as const;

const paths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** `destination` defaults to standard output (tests pass a stream to read what was logged). */
export function createLogger(
  options: { level: string; name: string },
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      // `service`, not pino's `name`: `name` is a redacted key (a person's name).
      base: { service: options.name, pid: process.pid },
      redact: { paths, censor: '[redacted]' },
    },
    destination,
  );
}
export type { Logger };
