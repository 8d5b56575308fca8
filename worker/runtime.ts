// Routes the Temporal SDK's own logs (TypeScript side and the Rust core) into pino, so worker logs are
// one JSON stream. Workflow log lines carry workflowId/runId from the SDK's metadata.
import { makeTelemetryFilterString, Runtime, type Logger, type LogLevel } from '@temporalio/worker';
import type { Logger as Pino } from '../config/logger';

const LEVELS = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
} as const;

/** The SDK's logger interface, writing to pino. */
export function temporalLogger(log: Pino): Logger {
  const emit = (level: LogLevel, message: string, meta?: Record<string, unknown>) =>
    log[LEVELS[level]](meta ?? {}, message);
  return {
    log: emit,
    trace: (message, meta) => emit('TRACE', message, meta),
    debug: (message, meta) => emit('DEBUG', message, meta),
    info: (message, meta) => emit('INFO', message, meta),
    warn: (message, meta) => emit('WARN', message, meta),
    error: (message, meta) => emit('ERROR', message, meta),
  };
}

/**
 * The SDK's runtime for this process: its logs into pino and, at `metricsAddress`, its Prometheus
 * metrics (task slots, schedule-to-start latency, sticky-cache hits and misses — what an operator
 * watches to see whether workers keep up).
 */
export function installTemporalRuntime(log: Pino, metricsAddress?: string): void {
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) },
      ...(metricsAddress && { metrics: { prometheus: { bindAddress: metricsAddress } } }),
    },
  });
}
