import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The call controller as a website embedding Buzzi would get it: bundled
 * for the browser (worklets included) and exposed on `window`.
 */
async function bundleCallController(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { createCallController } from './src/widget/call/create-call';
        window.createCallController = createCallController;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle');
  return output.text;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host site</title>
<script src="/call.js"></script></head><body><h1>A dental practice</h1></body></html>`;

/** A third-party site on its own origin (not Buzzi's) whose page carries the call controller. */
export async function startHostSite(): Promise<{ url: string; close(): Promise<void> }> {
  const script = await bundleCallController();
  const server = createServer((request, response) => {
    if (request.url === '/call.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
