import { Command } from 'commander';
import type { CliIo } from '../cli.ts';
import { registerEnqueue } from './enqueue.ts';
import { registerSchedule } from './schedule.ts';
import { registerWatch } from './watch.ts';
import { registerWorker } from './worker.ts';

/** watch, worker, enqueue, schedule (OPERATIONS.md). */
export function registerServiceCommands(program: Command, io: CliIo): void {
  registerWatch(program);
  registerWorker(program);
  registerEnqueue(program, io);
  registerSchedule(program);
}
