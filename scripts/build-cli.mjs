#!/usr/bin/env node
// Builds the jxaudit command into packages/cli/dist (git-ignored): an esbuild bundle of the
// workspace's TypeScript per entry — the CLI (main.js) and the parse pool's worker-thread entry
// (parse-thread.js) — with code splitting, so a command's modules load only when it runs
// (the registrars and actions import them dynamically). Installed packages stay external,
// imported by their resolved path relative to dist/ (pnpm keeps them out of the CLI package's
// reach otherwise). Run by the root `prepare` script (pnpm install), by the test setup, and by
// the bin itself when the bundle is missing or older than a source it was built from.
//
//   node scripts/build-cli.mjs          build (always)
//   node scripts/build-cli.mjs --check  build only when stale; prints nothing when fresh
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(REPO, 'packages/cli/dist');
const STAMP = join(DIST, 'inputs.json');

const ENTRIES = {
  main: join(REPO, 'packages/cli/src/main.ts'),
  'parse-thread': join(REPO, 'packages/ingest/src/engine/parse-thread-main.ts'),
};
/** Files read at run time relative to a module (page-script.ts reads ./client/*.js next to it). */
const COPIED = [
  [join(REPO, 'packages/ingest/src/report/client'), join(DIST, 'client')],
  // the recogniser's words (packages/parse/src/recognize/vocabulary.ts reads ./templates/builtin.yaml in the bundle)
  [join(REPO, 'packages/parse/templates'), join(DIST, 'templates')],
];

/**
 * True when the bundle is missing or a source it was built from changed (mtime, or a file
 * added to a source folder). Cheap: one stat per input and per folder (~5 ms).
 */
export function isStale() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return true;
  }
  const built = stamp.builtMs;
  for (const rel of stamp.watched) {
    let st;
    try {
      st = statSync(join(REPO, rel));
    } catch {
      return true;
    }
    if (st.mtimeMs > built) return true;
  }
  return false;
}

/**
 * Packages on the path of `check` (and of every start: commander): bundled, so a start compiles
 * one file instead of resolving and compiling hundreds (zod alone is ~100 modules). They are
 * plain JavaScript with no files of their own to read at run time.
 */
const BUNDLED = new Set(['commander', 'zod', 'yaml', 'fflate', 'saxes', 'xmlchars', 'iconv-lite', 'safer-buffer', 'jschardet']);

const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * Other installed packages stay external, imported by their resolved path relative to dist/
 * (the service's, the desk's and the report writers' libraries: loaded lazily, some read files
 * next to their code).
 */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('@jxaudit/') || args.pluginData === 'resolving') return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        // (A dynamic import() of a bundled CommonJS package would lose its named exports in a
        // split chunk: such an import loads the installed package instead.)
        const bundled = BUNDLED.has(packageName(args.path)) && args.kind !== 'dynamic-import';
        if (bundled || args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
        const r = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'resolving' });
        if (r.errors.length) return { errors: r.errors };
        if (!r.path.includes(`${sep}node_modules${sep}`)) return undefined;
        let rel = relative(DIST, r.path).split(sep).join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return { path: rel, external: true };
      });
    },
  };
}

export async function build({ quiet = false } = {}) {
  const t0 = performance.now();
  const startedMs = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: DIST,
    absWorkingDir: REPO,
    chunkNames: 'chunk-[hash]',
    write: false,
    metafile: true,
    sourcemap: false,
    logLevel: 'silent',
    plugins: [externalPackages()],
    // Bundled CommonJS (iconv-lite) requires Node's modules.
    banner: { js: "import { createRequire as __jxCreateRequire } from 'node:module'; const require = __jxCreateRequire(import.meta.url);" },
  });
  mkdirSync(DIST, { recursive: true });
  // Each file written whole (temp + rename): processes building at once write identical bytes.
  const entries = new Set(Object.keys(ENTRIES).map((n) => join(DIST, `${n}.js`)));
  const ordered = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const f of ordered) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  for (const [from, to] of COPIED) cpSync(from, to, { recursive: true });
  // Chunks of earlier builds: removed once no running process can still import them lazily.
  const current = new Set(result.outputFiles.map((f) => f.path));
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (name.startsWith('chunk-') && !current.has(path) && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
  }
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules'));
  const folders = new Set(inputs.map((p) => dirname(p)));
  const copiedFiles = COPIED.flatMap(([from]) => readdirSync(from).map((name) => relative(REPO, join(from, name))));
  const watched = [...inputs, ...folders, ...COPIED.map(([from]) => relative(REPO, from)), ...copiedFiles, 'scripts/build-cli.mjs'];
  const stampTmp = `${STAMP}.${process.pid}.tmp`;
  writeFileSync(stampTmp, JSON.stringify({ builtMs: startedMs, watched: [...new Set(watched)] }));
  renameSync(stampTmp, STAMP);
  if (!quiet) console.error(`jxaudit: built packages/cli/dist (${inputs.length} sources, ${Math.round(performance.now() - t0)} ms)`);
}

export function clean() {
  rmSync(DIST, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--check') || isStale()) await build();
}
