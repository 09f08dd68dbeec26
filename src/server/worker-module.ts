import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside the calling module
 * (`caller` is its `import.meta.url`). Compiled code runs the compiled worker.
 * Under tsx or vitest the caller is TypeScript, and so is the worker: it is
 * started through tsx's loader, which Node 20 does not apply to workers given
 * `--import tsx` in `execArgv`.
 */
export function startSiblingWorker(caller: string, name: string, options: WorkerOptions): Worker {
  if (!caller.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, caller), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, caller).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
