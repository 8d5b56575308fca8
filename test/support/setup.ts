// Per test file: the Temporal SDK logs only warnings and errors, so test output stays readable. A test
// that needs the SDK's logs (personal data in logs) points `sdkLog.target` at its own logger.
import {
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  type Logger,
  type LogLevel,
} from '@temporalio/worker';

// The test-only switch of development sign-in (POST /dev/tokens and its form on the sign-in page):
// the browser tests sign in through it, except those of the identity provider itself.
process.env.AUTH_DEV_TOKENS ??= 'on';

export const sdkLog: { target: Logger } = { target: new DefaultLogger('WARN') };

const forward = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
  sdkLog.target.log(level, message, meta);
};

Runtime.install({
  logger: {
    log: (level, message, meta) => {
      sdkLog.target.log(level, message, meta);
    },
    trace: forward('TRACE'),
    debug: forward('DEBUG'),
    info: forward('INFO'),
    warn: forward('WARN'),
    error: forward('ERROR'),
  },
  telemetryOptions: {
    logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'INFO' }) },
  },
});
