import { parentPort } from 'node:worker_threads';
import { resolveProfile } from '@jxaudit/score';
import { readAndRecognize, scoreDocs } from '../pipeline.ts';
import { loadProfile } from '../profile.ts';
import { performCheckJob } from './check-job.ts';
import { scoreSubmissions } from '../submissions/score.ts';
import type { ThreadRequest } from './parse-pool.ts';

async function perform(request: ThreadRequest, progress: (p: unknown) => void): Promise<unknown> {
  if (request.kind === 'parse') return readAndRecognize(request.path, request.bytes, request.read);
  if (request.kind === 'check') return performCheckJob(request.job, progress);
  const profile = await loadProfile(request.profile);
  if (request.kind === 'submissions') return scoreSubmissions(request.docs, { lang: request.lang, profile, resolveProfile: (name) => resolveProfile(name) });
  return scoreDocs(request.docs, { lang: request.lang, profile, resolveProfile: (name) => resolveProfile(name) });
}

// A worker thread of the parse pool, or a child process of a bounded check (engine/check-job.ts:
// a process, so that running out of its heap ends the child and never the command).
const port: { postMessage(msg: unknown): void; on(event: 'message', f: (task: ThreadRequest & { id: number }) => void): void } | null = parentPort
  ? parentPort
  : process.send
    ? { postMessage: (msg) => process.send!(msg), on: (event, f) => process.on(event, f) }
    : null;
// A forked child ends with its parent (the channel closes).
if (!parentPort && process.send) process.on('disconnect', () => process.exit(0));
if (!port) throw new Error('parse-thread-main must run in a worker thread or a forked process');
port.on('message', (task) => {
  perform(task, (progress) => port.postMessage({ id: task.id, progress })).then(
    (result) => port.postMessage({ id: task.id, result }),
    (err: unknown) => port.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
port.postMessage({ ready: true });
