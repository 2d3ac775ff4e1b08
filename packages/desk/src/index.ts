/*
 * @jxaudit/desk — the review desk. This entry is light (the CLI loads it on every run): the
 * commands register here and import their heavy modules only when they run.
 */
export { registerDeskCommands } from './commands.ts';
