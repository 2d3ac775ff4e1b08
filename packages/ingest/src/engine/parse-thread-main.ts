import { parentPort } from 'node:worker_threads';
import { resolveProfile } from '@jxaudit/score';
import { readAndRecognize, scoreDocs } from '../pipeline.ts';
import { loadProfile } from '../profile.ts';
import { scoreSubmissions } from '../submissions/score.ts';
import type { ThreadRequest } from './parse-pool.ts';

async function perform(request: ThreadRequest): Promise<unknown> {
  if (request.kind === 'parse') return readAndRecognize(request.path, request.bytes, request.read);
  const profile = await loadProfile(request.profile);
  if (request.kind === 'submissions') return scoreSubmissions(request.docs, { lang: request.lang, profile, resolveProfile: (name) => resolveProfile(name) });
  return scoreDocs(request.docs, { lang: request.lang, profile, resolveProfile: (name) => resolveProfile(name) });
}

if (!parentPort) throw new Error('parse-thread-main must run in a worker thread');
const port = parentPort;
port.on('message', (task: ThreadRequest & { id: number }) => {
  perform(task).then(
    (result) => port.postMessage({ id: task.id, result }),
    (err: unknown) => port.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
port.postMessage({ ready: true });
