import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// The real script in a small project whose builds only note that they ran,
// so what `npm start` rebuilds is seen without waiting for tsc and Vite.
describe("npm start's build step (scripts/build-if-changed.mjs)", { timeout: 60_000 }, () => {
  let project: string;
  const builds = async () => (await readFile(path.join(project, 'builds.log'), 'utf8')).trim();
  const start = () => {
    execFileSync('node', ['scripts/build-if-changed.mjs'], { cwd: project, stdio: 'pipe' });
  };
  const build = (part: string, output: string) =>
    `node -e "const f=require('fs');f.mkdirSync('${path.dirname(output)}',{recursive:true});f.writeFileSync('${output}','x');f.appendFileSync('builds.log','${part} ')"`;

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'buzzi-build-'));
    await mkdir(path.join(project, 'scripts'));
    await cp(
      path.join(root, 'scripts/build-if-changed.mjs'),
      path.join(project, 'scripts/build-if-changed.mjs'),
    );
    for (const dir of ['src/server', 'src/dashboard', 'src/widget', 'src/shared']) {
      await mkdir(path.join(project, dir), { recursive: true });
      await writeFile(path.join(project, dir, 'index.ts'), 'export {};\n');
    }
    await writeFile(path.join(project, 'builds.log'), '');
    await writeFile(
      path.join(project, 'package.json'),
      JSON.stringify({
        scripts: {
          'build:server': build('server', 'dist/server/main.js'),
          'build:dashboard': build('dashboard', 'dist/dashboard/index.html'),
          'build:widget': build('widget', 'dist/widget/widget.js'),
        },
      }),
    );
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  it('builds everything once, then only the part whose sources changed', async () => {
    start();
    expect(await builds()).toBe('server dashboard widget');

    start();
    expect(await builds()).toBe('server dashboard widget');

    await writeFile(path.join(project, 'src/widget/index.ts'), 'export const changed = 1;\n');
    start();
    expect(await builds()).toBe('server dashboard widget widget');

    // Shared code is part of every build.
    await writeFile(path.join(project, 'src/shared/domain.ts'), 'export {};\n');
    start();
    expect(await builds()).toBe('server dashboard widget widget server dashboard widget');
  });

  it('rebuilds a part whose output is gone, even with its sources unchanged', async () => {
    const before = await builds();
    await rm(path.join(project, 'dist/dashboard'), { recursive: true });
    start();
    expect(await builds()).toBe(`${before} dashboard`);
  });
});
