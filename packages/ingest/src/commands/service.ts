import type { Command } from 'commander';

/** watch, worker, enqueue, schedule. PLACEHOLDER until the service issue lands. */
export function registerServiceCommands(_program: Command): void {}
