import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EmbeddedEngine } from '../engine/embedded.ts';
import { RedisEngine, type RunningWorkers } from '../engine/bullmq.ts';
import type { Engine } from '../engine/types.ts';
import { InboxWatcher } from '../watch/watcher.ts';
import { waitForRedis } from '../engine/redis-link.ts';
import { loadProfile } from '../profile.ts';
import { loadTemplates } from '../templates.ts';
import { addServiceOptions, createRuntime, loggerFor, positiveInt, redisWaitMs, settleMs, startRuntimeWorkers, untilSignal, type ServiceOptions } from './runtime.ts';

export function registerWatch(program: Command): void {
  const cmd = program
    .command('watch')
    .description('监视收件夹：放入的文件自动检查并归档 / the watched folder: files dropped in INBOX are checked and filed')
    .argument('<inbox>')
    .requiredOption('--out <dir>', 'report folder')
    .option('--poll', 'poll the folder (network shares)')
    .option('--profile <name|file>', 'scoring profile')
    .option('--templates <file>', 'templates file: words added to the recogniser\'s (YAML)')
    .option('--stable-ms <ms>', 'a file is taken when its size and mtime have not changed for this long', '2000')
    .option('--rescan-ms <ms>', 'full rescan of INBOX and .processing/ every this often', '60000')
    .option('--settle <seconds>', "a submission is checked once none of its files has arrived for this long (a later file checks it again: a new version)", '60')
    .option('--no-worker', 'with --redis: only queue jobs, leave the work to `jxaudit worker` processes');
  addServiceOptions(cmd).action(async (inbox: string, opts: ServiceOptions & { out: string; poll?: boolean; profile?: string; templates?: string; stableMs: string; rescanMs: string; settle: string; worker: boolean }) => {
    const log = loggerFor(opts);
    const settle = settleMs(opts.settle);
    const shutdownMs = positiveInt(opts.shutdownMs, 30_000, 'shutdown-ms');
    await loadProfile(opts.profile);
    await loadTemplates(opts.templates);
    // Signals are handled from the start: a SIGTERM during startup is a graceful stop too.
    const signal = untilSignal(log, shutdownMs);
    if (opts.redis && (await waitForRedis(opts.redis, redisWaitMs(opts), signal)) === 'stopped') {
      log.info('watch stopped before it started');
      return;
    }
    const rt = createRuntime(opts, log);
    let engine: Engine;
    let workers: RunningWorkers | null = null;
    let embedded: EmbeddedEngine | null = null;
    if (opts.redis) {
      engine = await RedisEngine.open(opts.redis, { waitMs: redisWaitMs(opts), log });
      if (opts.worker) {
        workers = await startRuntimeWorkers(opts.redis, opts, rt, log);
      }
    } else {
      engine = embedded = new EmbeddedEngine((data) => rt.process(data), { concurrency: rt.concurrency, log });
    }
    const watcher = new InboxWatcher({
      inbox,
      out: resolve(opts.out),
      engine,
      log,
      poll: !!opts.poll,
      profile: opts.profile,
      ...(opts.templates ? { templates: resolve(opts.templates) } : {}),
      stableMs: positiveInt(opts.stableMs, 2000, 'stable-ms'),
      rescanMs: positiveInt(opts.rescanMs, 60_000, 'rescan-ms'),
      settleMs: settle,
    });
    embedded?.onSettled(() => watcher.nudge());
    rt.scheduler.onScored(() => watcher.nudge());
    await watcher.start();
    await signal;
    // Stop taking files, let the running documents finish, then file what finished.
    await watcher.stop();
    if (embedded) {
      await embedded.close(shutdownMs);
      // What was read is scored now rather than at the next start (its settle window cut short).
      await rt.scheduler.flush();
    } else await engine.close();
    await workers?.close(shutdownMs);
    await watcher.settleClaimed();
    await rt.close();
    log.info('watch stopped');
  });
}
