import { Command, Option } from 'commander';
import type { Report } from '@jxaudit/model';
import { READ_EXTENSIONS } from '@jxaudit/parse/formats';
import type { Lang } from '@jxaudit/score';
import { ProfileError, TargetsError } from '@jxaudit/score/errors';
import { CliError, EXIT, inputError, readOptionFile, usageError } from './exit.ts';
import { TOOL_VERSION } from './version.ts';

// A command's modules (the readers, the rules, the report writers) are imported by its action:
// `jxaudit --version` and `--help` load none of them (the CLI is bundled with code splitting).

export type FailOn = 'error' | 'warning' | 'info' | 'never';

/** Exit code of `check` (docs/operations.md): 2 when an input could not be read, 1 when a finding reached --fail-on. */
export function exitCodeFor(reports: Report[], failOn: FailOn): number {
  if (reports.some((r) => r.error)) return EXIT.unread;
  if (failOn === 'never') return EXIT.ok;
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const limit = rank[failOn];
  return reports.some((r) => r.findings.some((f) => rank[f.severity] <= limit)) ? EXIT.findings : EXIT.ok;
}

/** Where a command writes and how it sets the process's exit code. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  setExit: (code: number) => void;
}

export function buildProgram(io: CliIo): Command {
  const readList = READ_EXTENSIONS.map((e) => `.${e}`).join('/');
  const program = new Command('jxaudit')
    .description('检查预算绩效自评表与自评报告中对不上的数字 / checks budget-performance self-evaluations')
    .version(TOOL_VERSION)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('check')
    .description(`检查文件（目录表示其下全部 ${readList}，其他文件报告为格式不受支持） / check files (a directory means every ${readList} below it; other files are reported as unsupported-format)`)
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print one JSON report per file, one per line')
    .option('--out <dir>', 'write <name>.report.json and .report.html, index.html, findings.csv and findings.xlsx')
    .option('--profile <name|file>', 'scoring profile: a built-in name or a JSON/YAML file')
    .option('--targets <file>', 'approved targets (批复绩效目标) file, enables target-vs-approved')
    .option('--templates <file>', 'templates file: header, label and title words added to the built-in ones (YAML)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices(['error', 'warning', 'info', 'never']).default('error'))
    .option('--verbose', 'print every finding of each group (default: the first three, then 另有N条)')
    .option('--timeout-ms <ms>', 'time bound of one file (reading it; checking and writing: this per file); past it the file gets a timeout report', '120000')
    .option('--max-memory-mb <mb>', 'heap bound of the check; past it the file being worked on gets a too-large report', '1024')
    .action(async (paths: string[], opts: { json?: boolean; out?: string; profile?: string; targets?: string; templates?: string; lang: Lang; failOn: FailOn; verbose?: boolean; timeoutMs: string; maxMemoryMb: string }) => {
      const [{ loadProfile }, { expandInputs }, { boundedCheck, prewarmCheckChild }, { renderSummaryText }, { loadTemplates }] = await Promise.all([
        import('./profile.ts'),
        import('./files.ts'),
        import('./engine/check-job.ts'),
        import('./summary-text.ts'),
        import('./templates.ts'),
      ]);
      const bounds = { timeoutMs: positiveInt(opts.timeoutMs, 'timeout-ms'), maxMemoryMb: positiveInt(opts.maxMemoryMb, 'max-memory-mb') };
      prewarmCheckChild(bounds.maxMemoryMb);
      // Profile, templates and targets are checked here (a wrong one is exit 64/66); the child loads them again.
      await loadProfile(opts.profile);
      await loadTemplates(opts.templates);
      const targets = opts.targets ? await loadTargetsOption(opts.targets) : null;
      // Every path gets a report: a missing one, a link or a format not read included.
      const files = await expandInputs(paths, { exclude: opts.out ? [opts.out] : [] });
      // Reports show paths below the folder checked (a file given directly: its name), never absolute ones.
      // Read, recognise, score, render and write run in a bounded child process (engine/check-job.ts).
      const inputs = files.map((f) => ({ path: f.path, shown: f.relative, refused: f.refused }));
      const job = { inputs, lang: opts.lang, profile: opts.profile, templates: opts.templates, targets, out: opts.out };
      const reports: Report[] = await boundedCheck(job, bounds, ({ input, error }) =>
        io.err(`jxaudit: ${input.shown ?? input.path}：${error.message} / ${error.messageEn}\n`),
      );
      if (opts.json) for (const r of reports) io.out(JSON.stringify(r) + '\n');
      else io.out(renderSummaryText(reports, opts.lang, { verbose: opts.verbose }) + '\n');
      io.setExit(exitCodeFor(reports, opts.failOn));
    });

  program
    .command('dump')
    .description('显示读到的内容：段落、表格（含合并单元格）与警告 / show what was read: blocks, tables with spans, warnings')
    .argument('<file>')
    .option('--json', 'print the blocks as JSON')
    .addOption(new Option('--lang <lang>', 'language of the text view').choices(['zh', 'en']).default('zh'))
    .action(async (file: string, opts: { json?: boolean; lang: Lang }) => {
      const [{ DumpSchema }, { DEFAULT_MAX_BYTES, readDocument }, { readRegularFile }, { unreadDoc }, { renderDumpText }, { defaultConverter }] = await Promise.all([
        import('@jxaudit/model'),
        import('@jxaudit/parse'),
        import('./fs/regular.ts'),
        import('./pipeline.ts'),
        import('./dump-text.ts'),
        import('./convert/soffice.ts'),
      ]);
      const bytes = await readRegularFile(file, DEFAULT_MAX_BYTES);
      if (!bytes.ok && bytes.error.code === 'not-found') throw inputError(file, { code: 'ENOENT' });
      if (!bytes.ok && bytes.error.code === 'not-regular-file' && (await isDirectory(file))) throw inputError(file, { code: 'EISDIR' });
      const read = bytes.ok ? await readDocument({ path: file, bytes: bytes.bytes }, { convert: defaultConverter() }) : { ...unreadDoc(file, bytes.error, { sha256: bytes.sha256, bytes: bytes.size }), blocks: [] };
      const dump = DumpSchema.parse({ source: read.source, blocks: read.blocks, warnings: read.warnings, error: read.error });
      io.out((opts.json ? JSON.stringify(dump, null, 2) : renderDumpText(dump, { lang: opts.lang })) + '\n');
      io.setExit(read.error ? EXIT.unread : EXIT.ok);
    });

  program
    .command('profiles')
    .description('列出内置评分口径及其参数 / list the built-in scoring profiles and their parameters')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { builtinProfiles } = await import('@jxaudit/score');
      const list = Object.values(builtinProfiles);
      if (opts.json) io.out(JSON.stringify(list, null, 2) + '\n');
      else for (const p of list) io.out(`${p.name}\t${p.description.zh}\n${JSON.stringify(p.params, null, 2)}\n\n`);
      io.setExit(0);
    });

  return program;
}

/**
 * Commands registered only when the command line may name one of them (their modules load
 * then): `jxaudit check` and `--version` never load the queue, the logger or the watcher.
 */
export type LazyCommands = () => Promise<CommandRegistrar>;

/** watch, worker, enqueue, schedule: BullMQ, ioredis, pino, chokidar. */
const serviceCommands: LazyCommands = async () => (await import('./commands/service.ts')).registerServiceCommands;

/**
 * True when the command line names no command or one of `eager` (or asks only for the
 * version): the lazy commands need not be registered. Anything else (another command, help, a
 * typo commander should answer with "did you mean") registers them all.
 */
function onlyEager(argv: string[], eager: Set<string>): boolean {
  const first = argv[2];
  if (first === undefined) return false;
  if (first === '-V' || first === '--version') return true;
  return eager.has(first);
}

function positiveInt(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`--${what} 必须是正整数，收到的是 ${value}`, `--${what} must be a positive integer, got ${value}`);
  return n;
}

async function loadTargetsOption(path: string) {
  const { loadApprovedTargets } = await import('@jxaudit/score');
  const text = await readOptionFile(path, { zh: '批复目标文件', en: 'targets file' });
  try {
    return loadApprovedTargets(text);
  } catch (err) {
    if (err instanceof TargetsError) throw usageError(`批复目标文件 ${path} 有误：${err.message}`, `targets file ${path} is not valid: ${err.message}`);
    throw err;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** Adds commands of another package (the desk, the statistics) to the program. */
export type CommandRegistrar = (program: Command, io: CliIo) => void;

/**
 * stdout closed by its reader (`--json | head -c 10`): the rest of the output is dropped
 * quietly, and the command still ends with its own exit code.
 */
function quietOnClosedPipe(): { open: () => boolean } {
  let open = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      open = false;
      return;
    }
    throw err;
  });
  return { open: () => open };
}

/** The exit code and the one line on stderr of an error that ended a command. */
export function describeFailure(err: unknown): { code: number; line: string } {
  if (err instanceof CliError) return { code: err.exitCode, line: err.line };
  if (err instanceof ProfileError || err instanceof TargetsError) {
    return { code: EXIT.usage, line: `jxaudit: ${err.message}` };
  }
  const message = (err as Error)?.message ?? String(err);
  const path = (err as NodeJS.ErrnoException)?.path;
  const input = path ? inputError(path, err) : null;
  if (input) return { code: input.exitCode, line: input.line };
  return {
    code: EXIT.software,
    line: `jxaudit: 内部错误（程序缺陷，请把这条信息和日志发给维护人员） / internal error (a bug; please report it with the log): ${(err as Error)?.stack ?? message}`,
  };
}

/** Where the CLI writes (tests pass their own). */
export interface CliStreams {
  out: (s: string) => void;
  err: (s: string) => void;
}

function processStreams(): CliStreams {
  const stdout = quietOnClosedPipe();
  return {
    out: (s) => {
      if (stdout.open()) process.stdout.write(s);
    },
    err: (s) => process.stderr.write(s),
  };
}

/** Runs the CLI with the commands of ingest and of `registrars`; resolves to the exit code. */
export async function main(
  argv: string[],
  registrars: CommandRegistrar[] = [],
  streams: CliStreams = processStreams(),
  lazy: LazyCommands[] = [],
): Promise<number> {
  let exitCode = 0;
  const io: CliIo = {
    ...streams,
    setExit: (code) => {
      exitCode = code;
    },
  };
  try {
    const program = buildProgram(io);
    for (const register of registrars) register(program, io);
    const eager = new Set(program.commands.map((c) => c.name()));
    if (!onlyEager(argv, eager)) for (const load of [serviceCommands, ...lazy]) (await load())(program, io);
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = describeFailure(err);
    io.err(failure.line + '\n');
    return failure.code;
  }
}
