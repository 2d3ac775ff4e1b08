#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx registers the loader for this process and its workers).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
const code = await run(process.argv);
process.exitCode = code;
// The command is done: a handle left open (a socket to a Redis that went away) must not keep
// the process alive, or a supervisor would wait for it and then kill it.
setTimeout(() => process.exit(code), 500).unref();
