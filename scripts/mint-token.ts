// Mints a development bearer token signed with AUTH_JWT_SECRET, for demos and curl:
//   npm run -s token -- --role officer --agency civil-status --jurisdiction 00004
//   npm run -s token -- --role citizen --pin 001203004567
// Roles and their claims: citizen (pin), clerk (jurisdiction), officer (agency, jurisdiction),
// supervisor (jurisdiction), admin. Production tokens come from the identity provider instead.
import { parseArgs } from 'node:util';
import { authSettings, mintToken } from '../api/auth';
import { AuthEnv, loadEnv } from '../config/env';
import { Principal } from '../domain/principal';

const DEFAULT_JURISDICTION = '00004'; // Phường Ba Đình, Hà Nội

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      agency: { type: 'string' },
      jurisdiction: { type: 'string', default: DEFAULT_JURISDICTION },
      pin: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
    },
  });
  const env = loadEnv(AuthEnv);
  const claims = Principal.safeParse({
    ...values,
    sub: values.sub ?? `demo-${values.role ?? 'user'}`,
  });
  if (!claims.success) {
    const problems = claims.error.issues.map(
      (i) => `  --${i.path.join('.') || 'role'}: ${i.message}`,
    );
    throw new Error(`cannot mint this token:\n${problems.join('\n')}`);
  }
  // Refuses a lifetime past AUTH_TOKEN_MAX_AGE_HOURS: the API would refuse the token before its exp.
  const token = await mintToken(authSettings(env), claims.data, values['expires-in']);
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
