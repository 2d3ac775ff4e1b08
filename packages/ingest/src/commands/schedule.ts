import { resolve } from 'node:path';
import type { Command } from 'commander';
import { redisConnection, removeSweep, upsertSweep, waitReady } from '../engine/bullmq.ts';
import { addServiceOptions, loggerFor, type ServiceOptions } from './runtime.ts';

export function registerSchedule(program: Command): void {
  const cmd = program
    .command('schedule')
    .description('设置每晚批量检查 DIR（北京时间） / upsert the nightly sweep of DIR (time zone Asia/Shanghai)')
    .argument('<dir>')
    .requiredOption('--out <dir>', 'report folder')
    .option('--cron <expr>', 'cron pattern, Asia/Shanghai time', '0 2 * * *')
    .option('--profile <name|file>', 'scoring profile for the swept files')
    .option('--remove', 'remove the sweep of DIR instead');
  addServiceOptions(cmd, { processing: false }).action(async (dir: string, opts: ServiceOptions & { out: string; cron: string; profile?: string; remove?: boolean }) => {
    const log = loggerFor(opts);
    if (!opts.redis) throw new Error('schedule needs --redis URL or REDIS_URL / schedule 需要 --redis 或 REDIS_URL');
    const conn = redisConnection(opts.redis, 'producer');
    conn.on('error', () => {});
    try {
      await waitReady(conn).catch((err: Error) => {
        throw new Error(`无法连接 Redis / cannot reach Redis at ${opts.redis}: ${err.message}`);
      });
      if (opts.remove) {
        const removed = await removeSweep(conn, dir);
        log.info({ dir: resolve(dir), removed }, 'sweep scheduler removed');
        process.stdout.write(removed ? `removed nightly sweep of ${resolve(dir)}\n` : `no sweep scheduled for ${resolve(dir)}\n`);
      } else {
        const id = await upsertSweep(conn, opts.cron, { dir: resolve(dir), out: resolve(opts.out), ...(opts.profile ? { profile: opts.profile } : {}) });
        log.info({ id, cron: opts.cron, dir: resolve(dir) }, 'sweep scheduler upserted');
        process.stdout.write(`${id}\t${opts.cron}\tAsia/Shanghai\t${resolve(dir)} -> ${resolve(opts.out)}\n`);
      }
    } finally {
      conn.disconnect();
    }
  });
}
