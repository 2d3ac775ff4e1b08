#!/usr/bin/env node
// Runs the built command (packages/cli/dist, an esbuild bundle made by `pnpm install`'s prepare
// step, `pnpm build`, or here when missing or older than its sources). JXAUDIT_SOURCE=1 runs
// the TypeScript sources through tsx instead (development).
const fromSource = process.env.JXAUDIT_SOURCE === '1';
let run;
if (!fromSource) {
  const build = await import('../../../scripts/build-cli.mjs').catch(() => null);
  try {
    if (build?.isStale()) await build.build({ quiet: true });
    ({ run } = await import('../dist/main.js'));
  } catch (err) {
    // No bundle and no way to build it (esbuild absent): the sources still run.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('/dist/main.js')) throw err;
  }
}
if (!run) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../src/main.ts'));
}
const code = await run(process.argv);
process.exitCode = code;
// The command is done: a handle left open (a socket to a Redis that went away) must not keep
// the process alive, or a supervisor would wait for it and then kill it.
setTimeout(() => process.exit(code), 500).unref();
