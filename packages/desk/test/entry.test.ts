import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The CLI loads @jxaudit/desk on every run (`jxaudit check` too): its entry and the command
 * registrar import nothing heavy; fastify, the database drivers and docx load when a desk command runs.
 */

const SRC = join(import.meta.dirname, '../src');

function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('the desk entry is light', () => {
  it('index.ts and commands.ts import no server, database or document library', async () => {
    const index = staticImports(await readFile(join(SRC, 'index.ts'), 'utf8'));
    const exported = [...(await readFile(join(SRC, 'index.ts'), 'utf8')).matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(exported).toEqual(['./commands.ts']);
    expect(index).toEqual([]);
    expect(staticImports(await readFile(join(SRC, 'commands.ts'), 'utf8'))).toEqual(['commander']);
  });

  it('registers serve, stats and user with its subcommands', async () => {
    const { Command } = await import('commander');
    const { registerDeskCommands } = await import('../src/index.ts');
    const program = new Command('jxaudit');
    registerDeskCommands(program, { out: () => {}, err: () => {}, setExit: () => {} });
    expect(program.commands.map((c) => c.name())).toEqual(['serve', 'stats', 'user']);
    expect(program.commands.find((c) => c.name() === 'user')!.commands.map((c) => c.name())).toEqual(['add', 'list', 'passwd', 'disable']);
  });
});
