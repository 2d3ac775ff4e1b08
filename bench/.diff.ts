import { ReportSchema } from '@jxaudit/model';
import { resolveProfile } from '@jxaudit/score';
import { checkFiles } from '../packages/ingest/src/pipeline.ts';
const files = process.argv.slice(2);
const reports = await checkFiles(files, { lang: 'zh', resolveProfile: (n: string) => resolveProfile(n) });
function diff(a: any, b: any, path: string, out: string[]) {
  if (out.length > 8) return;
  if (a === b) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) { out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`); return; }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.join() !== kb.join()) out.push(`${path} keys: ${ka.filter(k => !kb.includes(k)).join(',')} | order ${ka.join(',') === [...kb].sort().join(',') ? '' : ''} a=${ka.join(',')} b=${kb.join(',')}`.slice(0, 300));
  for (const k of ka) if (k in b) diff(a[k], b[k], `${path}.${k}`, out);
}
const seen = new Set<string>();
for (const r of reports) { const out: string[] = []; diff(r, ReportSchema.parse(r), '', out); for (const o of out) { const key = o.replace(/\.\d+/g, '[]').slice(0, 120); if (!seen.has(key)) { seen.add(key); console.log(o); } } }
