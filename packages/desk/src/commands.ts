import { Option, type Command } from 'commander';
import type { CliIo } from '@jxaudit/ingest';

/*
 * The desk's commands on the jxaudit CLI: serve, user add|list|passwd|disable. Their modules
 * (fastify, the database drivers, docx) load only when one of them runs.
 */

/** Reads a password from stdin: the first line (piped), or typed without echo on a terminal. */
async function readPassword(prompt: string, err: (s: string) => void): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = '';
    for await (const chunk of stdin) {
      data += String(chunk);
      if (data.includes('\n') || data.length > 4096) break;
    }
    return data.split(/\r?\n/)[0] ?? '';
  }
  err(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  let typed = '';
  return new Promise((resolve) => {
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          err('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

interface DbFlags {
  out?: string;
  db?: string;
}

function addDbOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', '报告目录（内置数据库在 DIR/.jxaudit/db） / the report folder (embedded database in DIR/.jxaudit/db)')
    .option('--db <url>', 'PostgreSQL 连接串 / a PostgreSQL URL (postgres://…)', process.env.JXAUDIT_DB);
}

/** Runs a command body; a known problem prints its sentence and sets exit 2. */
async function guarded(io: CliIo, body: () => Promise<void>): Promise<void> {
  const { AdminError } = await import('./admin.ts');
  const { DbInUseError } = await import('./access.ts');
  const { ServeError } = await import('./serve.ts');
  try {
    await body();
  } catch (err) {
    if (err instanceof AdminError || err instanceof DbInUseError || err instanceof ServeError) {
      io.err(`${err.message}\n`);
      io.setExit(2);
      return;
    }
    throw err;
  }
}

export function registerDeskCommands(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('启动审核台（网页） / start the review desk (web application)')
    .requiredOption('--out <dir>', '报告目录 / the report folder the service writes')
    .option('--db <url>', 'PostgreSQL 连接串；不给则用内置数据库 / a PostgreSQL URL; default: the embedded database', process.env.JXAUDIT_DB)
    .option('--host <host>', '监听地址 / address to listen on', '127.0.0.1')
    .option('--port <n>', '端口 / port', (v) => Number(v), 8080)
    .option('--session-hours <n>', '登录有效时长（小时） / session lifetime in hours', (v) => Number(v), 12)
    .option('--tls-cert <file>', 'HTTPS 证书 / TLS certificate (PEM)')
    .option('--tls-key <file>', 'HTTPS 私钥 / TLS private key (PEM)')
    .option('--trust-proxy', '位于反向代理之后（按 X-Forwarded-* 判断 https） / behind a reverse proxy')
    .option('--office <name>', '意见书默认落款单位 / default issuing office of letters')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default(process.env.JXAUDIT_LOG_LEVEL ?? 'info'))
    .action(async (opts: { out: string; db?: string; host: string; port: number; sessionHours: number; tlsCert?: string; tlsKey?: string; trustProxy?: boolean; office?: string; logLevel: string }) => {
      await guarded(io, async () => {
        if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new (await import('./admin.ts')).AdminError('--port 需要 0–65535 的整数。');
        if (!(opts.sessionHours > 0)) throw new (await import('./admin.ts')).AdminError('--session-hours 需要大于 0 的数。');
        const { startServe } = await import('./serve.ts');
        const desk = await startServe(opts, io.out);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        io.err('审核台正在停止…\n');
        await desk.close();
        io.setExit(0);
      });
    });

  addDbOptions(
    program
      .command('stats')
      .description('统计：自评虚高、规则、单位排名、逐年对比、审核进度 / statistics over the reports and the review database')
      .option('--year <y>', '只统计这一年度（逐年对比为该年与上一年） / this year only')
      .option('--district <name>', '只统计该区县的单位（单位名称开头的区、县、市） / units of this district')
      .addOption(new Option('--kind <kind>', '只统计这类表 / this form kind').choices(['department-overall', 'project', 'report']))
      .addOption(new Option('--status <status>', '只统计该审核状态的报送 / this review status').choices(['pending', 'in-review', 'returned', 'approved']))
      .option('--json', '输出 JSON / print JSON')
      .option('--xlsx <file>', '写出 .xlsx（每张表一个工作表） / write an .xlsx workbook'),
  ).action(async (opts: DbFlags & { year?: string; district?: string; kind?: string; status?: string; json?: boolean; xlsx?: string }) => {
    await guarded(io, async () => {
      const { runStatsCommand } = await import('./stats/run.ts');
      await runStatsCommand(opts, io.out);
      io.setExit(0);
    });
  });

  const user = program.command('user').description('审核台账号 / accounts of the review desk');

  addDbOptions(
    user
      .command('add')
      .description('创建账号，密码从标准输入读取 / create an account; the password is read from stdin')
      .argument('<name>', '账号名 / account name')
      .addOption(new Option('--role <role>', '角色：reviewer 审核人，lead 科室负责人 / role').choices(['reviewer', 'lead']).makeOptionMandatory())
      .option('--display-name <name>', '页面和意见书上显示的姓名 / name shown on pages and letters'),
  ).action(async (name: string, opts: DbFlags & { role: string; displayName?: string }) => {
    await guarded(io, async () => {
      const { nameProblem } = await import('./accounts.ts');
      const { AdminError } = await import('./admin.ts');
      const problem = nameProblem(name);
      if (problem) throw new AdminError(problem);
      const { hashPassword, passwordProblem } = await import('./auth/password.ts');
      const password = await readPassword(`请输入“${name}”的密码：`, io.err);
      const weak = passwordProblem(password);
      if (weak) throw new AdminError(weak);
      const { runOperation } = await import('./access.ts');
      await runOperation(opts, 'user-add', { name, role: opts.role, displayName: opts.displayName ?? name, passwordHash: await hashPassword(password) });
      io.out(`已创建账号 ${name}（${opts.role === 'lead' ? '科室负责人' : '审核人'}）\n`);
      io.setExit(0);
    });
  });

  addDbOptions(user.command('list').description('列出账号 / list accounts').option('--json', 'as JSON')).action(async (opts: DbFlags & { json?: boolean }) => {
    await guarded(io, async () => {
      const { runOperation } = await import('./access.ts');
      const users = (await runOperation(opts, 'user-list', {})) as Array<{ name: string; displayName: string; role: string; createdAt: string; disabledAt: string | null }>;
      if (opts.json) io.out(JSON.stringify(users, null, 2) + '\n');
      else if (!users.length) io.out('还没有账号。\n');
      else for (const u of users) io.out(`${u.name}\t${u.displayName}\t${u.role === 'lead' ? '科室负责人' : '审核人'}\t${u.disabledAt ? '已停用' : '正常'}\t${u.createdAt.slice(0, 10)}\n`);
      io.setExit(0);
    });
  });

  addDbOptions(user.command('passwd').description('重设密码（从标准输入读取），该账号已登录的会话失效 / set a new password from stdin').argument('<name>')).action(
    async (name: string, opts: DbFlags) => {
      await guarded(io, async () => {
        const { hashPassword, passwordProblem } = await import('./auth/password.ts');
        const { AdminError } = await import('./admin.ts');
        const password = await readPassword(`请输入“${name}”的新密码：`, io.err);
        const weak = passwordProblem(password);
        if (weak) throw new AdminError(weak);
        const { runOperation } = await import('./access.ts');
        await runOperation(opts, 'user-passwd', { name, passwordHash: await hashPassword(password) });
        io.out(`已重设 ${name} 的密码\n`);
        io.setExit(0);
      });
    },
  );

  addDbOptions(user.command('disable').description('停用账号，其会话立即失效 / disable an account').argument('<name>')).action(async (name: string, opts: DbFlags) => {
    await guarded(io, async () => {
      const { runOperation } = await import('./access.ts');
      await runOperation(opts, 'user-disable', { name });
      io.out(`已停用账号 ${name}\n`);
      io.setExit(0);
    });
  });
}
