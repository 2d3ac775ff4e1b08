import type { Command } from 'commander';
import { addServiceOptions, createRuntime, loggerFor, positiveInt, startRuntimeWorkers, untilSignal, type ServiceOptions } from './runtime.ts';

export function registerWorker(program: Command): void {
  const cmd = program
    .command('worker')
    .description('BullMQ 消费进程：处理 jx-ingest 与 jx-sweep 队列 / a BullMQ consumer of jx-ingest and jx-sweep')
    .requiredOption('--out <dir>', 'report folder for jobs that name none (jobs carry their own)');
  addServiceOptions(cmd).action(async (opts: ServiceOptions & { out: string }) => {
    const log = loggerFor(opts);
    if (!opts.redis) throw new Error('worker needs --redis URL or REDIS_URL / worker 需要 --redis 或 REDIS_URL');
    const shutdownMs = positiveInt(opts.shutdownMs, 30_000, 'shutdown-ms');
    // Signals are handled from the start: a SIGTERM during startup is a graceful stop too.
    const signal = untilSignal(log, shutdownMs);
    const rt = createRuntime(opts, log);
    const workers = await startRuntimeWorkers(opts.redis, opts, rt, log);
    await signal;
    await workers.close(shutdownMs);
    await rt.close();
    log.info('worker stopped');
  });
}
