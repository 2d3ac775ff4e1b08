#!/usr/bin/env node
// Kept for scripts and services that name this path: the command lives in packages/cli.
await import('../../cli/bin/jxaudit.js');
