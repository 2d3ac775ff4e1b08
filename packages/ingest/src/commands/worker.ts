import type { Command } from 'commander';
import { waitForRedis } from '../engine/redis-link.ts';
import {
  addServiceOptions,
  createRuntime,
  loggerFor,
  positiveInt,
  redisWaitMs,
  requireRedis,
  startRuntimeWorkers,
  untilSignal,
  type ServiceOptions,
} from './runtime.ts';

export function registerWorker(program: Command): void {
  const cmd = program
    .command('worker')
    .description('BullMQ 消费进程（需要 Redis）：处理 jx-ingest 与 jx-sweep 队列 / a BullMQ consumer of jx-ingest and jx-sweep (needs Redis)')
    .requiredOption('--out <dir>', 'report folder for jobs that name none (jobs carry their own)');
  addServiceOptions(cmd, { redisRequired: true }).action(async (opts: ServiceOptions & { out: string }) => {
    const log = loggerFor(opts);
    const url = requireRedis(opts, 'worker');
    const shutdownMs = positiveInt(opts.shutdownMs, 30_000, 'shutdown-ms');
    // Signals are handled from the start: a SIGTERM during startup is a graceful stop too.
    const signal = untilSignal(log, shutdownMs);
    if ((await waitForRedis(url, redisWaitMs(opts), signal)) === 'stopped') {
      log.info('worker stopped before it started');
      return;
    }
    const rt = createRuntime(opts, log);
    const workers = await startRuntimeWorkers(url, opts, rt, log);
    await signal;
    await workers.close(shutdownMs);
    await rt.close();
    log.info('worker stopped');
  });
}
