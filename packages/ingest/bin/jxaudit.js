#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx registers the loader for this process and its workers).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv);
