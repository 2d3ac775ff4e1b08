import { parentPort } from 'node:worker_threads';
import type { ReadOptions } from '@jxaudit/parse';
import { readAndRecognize } from '../pipeline.ts';

interface Task {
  id: number;
  path: string;
  bytes: Uint8Array;
  read?: ReadOptions;
}

if (!parentPort) throw new Error('parse-thread-main must run in a worker thread');
const port = parentPort;
port.on('message', (task: Task) => {
  readAndRecognize(task.path, task.bytes, task.read).then(
    (doc) => port.postMessage({ id: task.id, doc }),
    (err: unknown) => port.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
port.postMessage({ ready: true });
