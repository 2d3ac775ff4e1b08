import { main, type CommandRegistrar } from '@jxaudit/ingest/cli';
import { registerDeskCommands } from '@jxaudit/desk';

/**
 * Commands contributed by packages that build on ingest (ingest cannot import them: they import
 * ingest). Each registrar adds its commands to the program; their heavy modules load lazily.
 */
const registrars: CommandRegistrar[] = [registerDeskCommands];

/** The jxaudit command line; resolves to the exit code. */
export function run(argv: string[]): Promise<number> {
  return main(argv, registrars);
}
