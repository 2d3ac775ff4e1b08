import { Command } from 'commander';
import { registerEnqueue } from './enqueue.ts';
import { registerSchedule } from './schedule.ts';
import { registerWatch } from './watch.ts';
import { registerWorker } from './worker.ts';

/** watch, worker, enqueue, schedule (OPERATIONS.md). */
export function registerServiceCommands(program: Command): void {
  registerWatch(program);
  registerWorker(program);
  registerEnqueue(program);
  registerSchedule(program);
}
