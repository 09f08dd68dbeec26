import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type DocumentJob, type FromWorker, runJob } from './document-jobs.js';

// Extraction and chunking of uploads run here, never on the thread serving
// calls: the main thread bounds this one's memory and time and replaces it.
if (!parentPort) throw new Error('document-worker must run in a worker thread');
const port = parentPort;

const LOW_PRIORITY = 10;

/**
 * On a busy machine the serving thread gets the CPU first. Linux gives each
 * thread its own nice value, addressed by its thread id; elsewhere this
 * thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, LOW_PRIORITY);
  } catch {}
}

const post = (message: FromWorker) => port.postMessage(message);

lowerPriority();
port.on('message', (job: DocumentJob) => {
  void runJob(job).then((outcome) => post({ type: 'outcome', outcome }));
});
// Time limits count from here: loading the code is not the job's doing.
post({ type: 'ready' });
