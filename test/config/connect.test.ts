// A process started while Temporal is down waits for it instead of exiting (config/connect.ts).
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { connectPatiently } from '../../config/connect';

const log = pino({ level: 'silent' });
const refused = () => new Error('tcp connect error: Connection refused');

describe('connectPatiently', () => {
  it('when the service refuses twice and then answers, then the connection is returned after two growing pauses', async () => {
    const connect = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(refused())
      .mockRejectedValueOnce(refused())
      .mockResolvedValue('connected');
    const sleep = vi.fn((_ms: number) => Promise.resolve());

    const connection = await connectPatiently(connect, { what: 'Temporal', log, sleep });

    expect(connection).toBe('connected');
    expect(connect).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([500, 1_000]);
  });

  it('when the service never answers, then the last error is thrown once the next pause would pass the limit', async () => {
    const connect = vi.fn<() => Promise<string>>().mockRejectedValue(refused());
    const sleep = vi.fn((_ms: number) => Promise.resolve());

    await expect(
      connectPatiently(connect, { what: 'Temporal', log, sleep, giveUpAfterMs: 0 }),
    ).rejects.toThrow('Connection refused');
    expect(connect).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('when the service stays down, then each pause doubles up to 10 s', async () => {
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const connect = vi.fn<() => Promise<string>>().mockRejectedValue(refused());
    const sleep = vi.fn((ms: number) => {
      now += ms;
      return Promise.resolve();
    });

    await expect(
      connectPatiently(connect, { what: 'Temporal', log, sleep, giveUpAfterMs: 60_000 }),
    ).rejects.toThrow();
    vi.restoreAllMocks();

    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000,
    ]);
  });
});
