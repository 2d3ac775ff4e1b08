import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { DumpSchema, type Report } from '@jxaudit/model';
import { readDocument } from '@jxaudit/parse';
import { builtinProfiles, resolveProfile, type Lang } from '@jxaudit/score';
import { registerServiceCommands } from './commands/service.ts';
import { renderDumpText } from './dump-text.ts';
import { expandInputs } from './files.ts';
import { readInputs, reportsForInputs, scoreArrived } from './pipeline.ts';
import { loadProfile } from './profile.ts';
import { renderSummaryText } from './summary-text.ts';
import { TOOL_VERSION } from './version.ts';

export type FailOn = 'error' | 'warning' | 'info' | 'never';

/** Exit code of `check` (REPORT.md): 2 when an input could not be read, 1 when a finding reached --fail-on. */
export function exitCodeFor(reports: Report[], failOn: FailOn): number {
  if (reports.some((r) => r.error)) return 2;
  if (failOn === 'never') return 0;
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const limit = rank[failOn];
  return reports.some((r) => r.findings.some((f) => rank[f.severity] <= limit)) ? 1 : 0;
}

/** Where a command writes and how it sets the process's exit code. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (code: number) => void;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('jxaudit')
    .description('检查预算绩效自评表与自评报告中对不上的数字 / checks budget-performance self-evaluations')
    .version(TOOL_VERSION)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('check')
    .description('检查文件（目录表示其下全部 .docx/.txt） / check files (a directory means every .docx/.txt below it)')
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print one JSON report per file, one per line')
    .option('--out <dir>', 'write <name>.report.json and .report.html, index.html and findings.csv')
    .option('--profile <name|file>', 'scoring profile: a built-in name or a JSON/YAML file')
    .option('--targets <file>', 'approved targets (批复绩效目标) file, enables target-vs-approved')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices(['error', 'warning', 'info', 'never']).default('error'))
    .action(async (paths: string[], opts: { json?: boolean; out?: string; profile?: string; targets?: string; lang: Lang; failOn: FailOn }) => {
      const files = await expandInputs(paths);
      const profile = await loadProfile(opts.profile);
      const targets = opts.targets ? await loadTargetsOption(opts.targets) : null;
      const options = { lang: opts.lang, profile, resolveProfile: (name: string) => resolveProfile(name), targets };
      // Reports show paths below the folder checked (a file given directly: its name), never absolute ones.
      const read = await readInputs(files.map((f) => ({ path: f.path, shown: f.relative })));
      let reports: Report[];
      if (opts.out) {
        const { checkIntoOut } = await import('./submissions/check-out.ts');
        reports = (await checkIntoOut(opts.out, read, options)).map((r) => r.report);
      } else {
        reports = reportsForInputs(read, scoreArrived(read.unique, options)).map((r) => r.report);
      }
      if (opts.json) for (const r of reports) io.out(JSON.stringify(r) + '\n');
      else io.out(renderSummaryText(reports, opts.lang) + '\n');
      io.setExit(exitCodeFor(reports, opts.failOn));
    });

  program
    .command('dump')
    .description('显示读到的内容：段落、表格（含合并单元格）与警告 / show what was read: blocks, tables with spans, warnings')
    .argument('<file>')
    .option('--json', 'print the blocks as JSON')
    .addOption(new Option('--lang <lang>', 'language of the text view').choices(['zh', 'en']).default('zh'))
    .action(async (file: string, opts: { json?: boolean; lang: Lang }) => {
      const bytes = await readFile(file);
      const read = await readDocument({ path: file, bytes });
      const dump = DumpSchema.parse({ source: read.source, blocks: read.blocks, warnings: read.warnings, error: read.error });
      io.out((opts.json ? JSON.stringify(dump, null, 2) : renderDumpText(dump, { lang: opts.lang })) + '\n');
      io.setExit(read.error ? 2 : 0);
    });

  program
    .command('profiles')
    .description('列出内置评分口径及其参数 / list the built-in scoring profiles and their parameters')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const list = Object.values(builtinProfiles);
      if (opts.json) io.out(JSON.stringify(list, null, 2) + '\n');
      else for (const p of list) io.out(`${p.name}\t${p.description.zh}\n${JSON.stringify(p.params, null, 2)}\n\n`);
      io.setExit(0);
    });

  registerServiceCommands(program, io);
  return program;
}

async function loadTargetsOption(path: string) {
  const { loadApprovedTargets } = await import('@jxaudit/score');
  return loadApprovedTargets(await readFile(path, 'utf8'));
}

/** Adds commands of another package (the desk, the statistics) to the program. */
export type CommandRegistrar = (program: Command, io: CliIo) => void;

/** Runs the CLI with the commands of ingest and of `registrars`; resolves to the exit code. */
export async function main(argv: string[], registrars: CommandRegistrar[] = []): Promise<number> {
  let exitCode = 0;
  const io: CliIo = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    setExit: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(io);
  for (const register of registrars) register(program, io);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code?.startsWith('commander.')) return e.exitCode === 0 ? 0 : 64;
    const message = e.message ?? String(err);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`找不到文件或目录 / file or directory not found: ${message}\n`);
      return 66;
    }
    process.stderr.write(`jxaudit: ${message}\n`);
    return 70;
  }
}
