/**
 * LibreOffice as the converter of legacy files (.doc/.wps → .docx, .xls/.et → .xlsx, .rtf → .docx):
 * `soffice --headless --convert-to`, a fresh profile directory per conversion (its macro security
 * set to "very high" with macro execution disabled before soffice starts), a time bound after
 * which the whole process group is killed, and one conversion at a time per process. The same
 * bytes converted twice in a process (a .doc and its copy named .wps) are converted once.
 *
 * JXAUDIT_SOFFICE points at the binary (else `soffice` on PATH or the usual install paths);
 * JXAUDIT_SOFFICE_TIMEOUT_MS bounds one conversion (default 120 s).
 */
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readError, type ConvertResult, type ConvertTarget, type Converter, type LegacyKind } from '@jxaudit/parse';

const CANDIDATES = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/usr/local/bin/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The soffice binary: JXAUDIT_SOFFICE, else on PATH, else the usual places; null when none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.JXAUDIT_SOFFICE !== undefined) return env.JXAUDIT_SOFFICE !== '' && executable(env.JXAUDIT_SOFFICE) ? env.JXAUDIT_SOFFICE : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) if (dir && executable(join(dir, 'soffice'))) return join(dir, 'soffice');
  return CANDIDATES.find(executable) ?? null;
}

const versions = new Map<string, string | null>();

/** "7.4.7.2" from `soffice --version` (once per binary and process). */
export function sofficeVersion(bin: string): string | null {
  if (!versions.has(bin)) {
    let v: string | null = null;
    const profile = mkdtempSync(join(tmpdir(), 'jx-soffice-v-'));
    try {
      const out = execFileSync(bin, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--version'], { timeout: 60_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      v = /(\d+\.\d+(?:\.\d+)*)/.exec(out)?.[1] ?? null;
    } catch {
      v = null;
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    versions.set(bin, v);
  }
  return versions.get(bin) ?? null;
}

/** Macro security "very high" and macro execution off, written into a fresh profile before soffice reads it. */
const NO_MACROS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

let queue: Promise<unknown> = Promise.resolve();
/** One conversion at a time per process: soffice instances fight over memory and CPU. */
function serialized<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const cache = new Map<string, Uint8Array>();
const CACHE_ENTRIES = 16;

export interface SofficeOptions {
  bin: string;
  timeoutMs?: number;
}

/** Runs one conversion in a fresh directory and profile; never throws. */
async function convertOnce(bytes: Uint8Array, from: LegacyKind, to: ConvertTarget, o: SofficeOptions): Promise<ConvertResult> {
  const work = mkdtempSync(join(tmpdir(), 'jx-soffice-'));
  const profile = join(work, 'profile');
  const outDir = join(work, 'out');
  try {
    mkdirSync(join(profile, 'user'), { recursive: true });
    mkdirSync(outDir);
    writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), NO_MACROS);
    const input = join(work, `input.${from}`);
    writeFileSync(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless', '--invisible', '--nologo', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard',
      '--convert-to', to, '--outdir', outDir, input,
    ];
    const timeoutMs = o.timeoutMs ?? (Number(process.env.JXAUDIT_SOFFICE_TIMEOUT_MS) || 120_000);
    const outcome = await new Promise<{ code: number | null; timedOut: boolean; stderr: string }>((resolve) => {
      const child = spawn(o.bin, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } });
      let stderr = '';
      let timedOut = false;
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString('utf8');
      });
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ code: null, timedOut, stderr: e.message });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut, stderr });
      });
    });
    const produced = readdirSync(outDir).find((f) => f.toLowerCase().endsWith(`.${to}`));
    if (outcome.timedOut) {
      return { ok: false, error: readError('convert-failed', { zh: `LibreOffice 转换超过 ${Math.round(timeoutMs / 1000)} 秒未完成，已终止`, en: `the LibreOffice conversion took over ${Math.round(timeoutMs / 1000)} s and was stopped` }) };
    }
    if (!produced) {
      const why = outcome.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/javaldx/.test(l)).slice(0, 2).join('; ');
      return { ok: false, error: readError('convert-failed', { zh: `LibreOffice 未能转换为 .${to}${why ? `：${why}` : ''}`, en: `LibreOffice did not convert it to .${to}${why ? `: ${why}` : ''}` }) };
    }
    return { ok: true, bytes: new Uint8Array(readFileSync(join(outDir, produced))), converter: 'LibreOffice', version: sofficeVersion(o.bin) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: readError('convert-failed', { zh: msg, en: msg }) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A converter through LibreOffice at `bin`. */
export function sofficeConverter(o: SofficeOptions): Converter {
  return {
    convert(bytes, from, to) {
      const key = `${createHash('sha256').update(bytes).digest('hex')}:${to}`;
      const hit = cache.get(key);
      if (hit) return Promise.resolve({ ok: true, bytes: hit, converter: 'LibreOffice', version: sofficeVersion(o.bin) });
      return serialized(async () => {
        const again = cache.get(key);
        if (again) return { ok: true as const, bytes: again, converter: 'LibreOffice', version: sofficeVersion(o.bin) };
        const result = await convertOnce(bytes, from, to, o);
        if (result.ok) {
          cache.set(key, result.bytes);
          if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
        }
        return result;
      });
    },
  };
}

/** The converter of this machine: LibreOffice when it is installed, else none (legacy files are then `needs-converter`). */
export function defaultConverter(): Converter | undefined {
  const bin = findSoffice();
  return bin ? sofficeConverter({ bin }) : undefined;
}
