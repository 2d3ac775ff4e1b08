// vitest globalSetup: the tests that spawn the jxaudit bin run the built bundle (packages/cli/dist);
// it is rebuilt here once, before any test, when a source changed since it was built, so a stale
// bundle never makes a test pass or fail. (The bin would rebuild it too, but every spawned
// process at once.)
// @ts-expect-error plain JavaScript build script, no declarations
import { build, isStale } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  if (isStale()) await build();
}
