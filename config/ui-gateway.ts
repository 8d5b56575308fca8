// The Temporal Web UI's gateway (scripts/temporal-ui-gateway.ts): what it listens on, where the UI
// server and the API's codec are, the reader's token and the https front's certificate.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65_535);
const file = (what: string) => z.string().min(1).describe(what);

export const UiGatewayEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    UI_GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    UI_GATEWAY_PORT: port.describe('where people open the UI'),
    TEMPORAL_UI_URL: z.url({ protocol: /^http$/ }).describe('the UI server, not published'),
    TEMPORAL_API_KEY_FILE: file(
      'the reader’s token for Temporal’s authorizer (read on each request: it is renewed)',
    ),
    CODEC_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the API’s codec endpoint (…/v1/codec), served over https on CODEC_FRONT_PORT'),
    CODEC_FRONT_PORT: port.optional(),
    CODEC_FRONT_CERT_FILE: file('PEM: the https front’s certificate').optional(),
    CODEC_FRONT_KEY_FILE: file('PEM: its private key').optional(),
  })
  .superRefine((env, ctx) => {
    const front = [
      env.CODEC_URL,
      env.CODEC_FRONT_PORT,
      env.CODEC_FRONT_CERT_FILE,
      env.CODEC_FRONT_KEY_FILE,
    ];
    if (front.some((v) => v === undefined) && front.some((v) => v !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['CODEC_URL'],
        message:
          'CODEC_URL, CODEC_FRONT_PORT, CODEC_FRONT_CERT_FILE and CODEC_FRONT_KEY_FILE come together',
      });
  });
export type UiGatewayEnv = z.infer<typeof UiGatewayEnv>;
