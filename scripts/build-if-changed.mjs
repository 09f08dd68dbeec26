// `npm start`'s build step: rebuilds the server, the dashboard and the widget
// only when their sources changed since their last build here. Each part's
// inputs are hashed by content (mtimes lie after a checkout or a copy) and the
// hash is kept next to the output once the build succeeded, so a failed or
// interrupted build is redone on the next start. `npm run build` still builds
// everything unconditionally.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampDir = path.join(root, 'dist/.build-stamps');
const shared = ['src/shared', 'package-lock.json', 'tsconfig.base.json'];

const parts = [
  {
    name: 'server',
    script: 'build:server',
    inputs: ['src/server', 'tsconfig.server.json', ...shared],
    output: 'dist/server/main.js',
  },
  {
    name: 'dashboard',
    script: 'build:dashboard',
    inputs: ['src/dashboard', ...shared],
    output: 'dist/dashboard/index.html',
  },
  {
    name: 'widget',
    script: 'build:widget',
    inputs: ['src/widget', ...shared],
    output: 'dist/widget/widget.js',
  },
];

/** Every file under `entry` (or `entry` itself), sorted, so the hash does not depend on directory order. */
function filesOf(entry) {
  const found = [];
  const visit = (file) => {
    if (!existsSync(file)) return;
    if (!statSync(file).isDirectory()) {
      found.push(file);
      return;
    }
    for (const name of readdirSync(file)) if (name !== 'node_modules') visit(path.join(file, name));
  };
  visit(path.join(root, entry));
  return found.sort();
}

function hashOf(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesOf)) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

mkdirSync(stampDir, { recursive: true });
for (const part of parts) {
  const stampFile = path.join(stampDir, `${part.name}.sha256`);
  const hash = hashOf(part.inputs);
  const built = existsSync(path.join(root, part.output));
  const previous = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  if (built && previous === hash) {
    console.log(`build: ${part.name} unchanged, skipped`);
    continue;
  }
  console.log(`build: ${part.name} changed, building`);
  const result = spawnSync('npm', ['run', '--silent', part.script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, `${hash}\n`);
}
