import { resolve } from 'node:path';
import type { Command } from 'commander';
import { redisConnection, removeSweep, upsertSweep, waitReady } from '../engine/bullmq.ts';
import { redisUnavailable } from '../engine/redis-link.ts';
import { loadProfile } from '../profile.ts';
import { loadTemplates } from '../templates.ts';
import { requireDirectory } from '../files.ts';
import { addServiceOptions, loggerFor, redisWaitMs, requireRedis, settleMs, type ServiceOptions } from './runtime.ts';

export function registerSchedule(program: Command): void {
  const cmd = program
    .command('schedule')
    .description('设置每晚批量检查 DIR（北京时间，需要 Redis） / upsert the nightly sweep of DIR (time zone Asia/Shanghai; needs Redis)')
    .argument('<dir>')
    .requiredOption('--out <dir>', 'report folder')
    .option('--cron <expr>', 'cron pattern, Asia/Shanghai time', '0 2 * * *')
    .option('--profile <name|file>', 'scoring profile for the swept files')
    .option('--templates <file>', 'templates file for the swept files (YAML)')
    .option('--settle <seconds>', 'a submission is checked once none of its files has been read for this long', '60')
    .option('--remove', 'remove the sweep of DIR instead');
  addServiceOptions(cmd, { processing: false, redisRequired: true }).action(async (dir: string, opts: ServiceOptions & { out: string; cron: string; profile?: string; templates?: string; remove?: boolean; settle: string }) => {
    const log = loggerFor(opts);
    const url = requireRedis(opts, 'schedule');
    const waitMs = redisWaitMs(opts);
    await loadProfile(opts.profile);
    await loadTemplates(opts.templates);
    const settle = settleMs(opts.settle);
    if (!opts.remove) await requireDirectory(dir);
    const conn = redisConnection(url, 'producer');
    let lastError: string | undefined;
    conn.on('error', (err: NodeJS.ErrnoException) => (lastError = err.code ?? err.message));
    try {
      await waitReady(conn, waitMs).catch(() => {
        throw redisUnavailable(url, waitMs, lastError);
      });
      if (opts.remove) {
        const removed = await removeSweep(conn, dir);
        log.info({ dir: resolve(dir), removed }, 'sweep scheduler removed');
        process.stdout.write(removed ? `removed nightly sweep of ${resolve(dir)}\n` : `no sweep scheduled for ${resolve(dir)}\n`);
      } else {
        const id = await upsertSweep(conn, opts.cron, { dir: resolve(dir), out: resolve(opts.out), ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.templates ? { templates: resolve(opts.templates) } : {}), settleMs: settle });
        log.info({ id, cron: opts.cron, dir: resolve(dir) }, 'sweep scheduler upserted');
        process.stdout.write(`${id}\t${opts.cron}\tAsia/Shanghai\t${resolve(dir)} -> ${resolve(opts.out)}\n`);
      }
    } finally {
      conn.disconnect();
    }
  });
}
