import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

// Self time by function and by source file, and total time (self and
// callees) by function, in a V8 CPU profile, counted over the steady windows
// a call-path benchmark recorded (windows.json beside the profiles, written
// when BENCH_CPU_PROFILE is set), so call set-up and start-up do not blur the
// per-frame cost.
//
//   npx tsx bench/cpu-profile-summary.ts <profile dir or .cpuprofile> [window label] [top N]
//
// The label picks the steady windows whose label contains it ("pass-through
// 200"); ending in "set-up", the windows in which the calls were placed
// ("pass-through set-up"). Without it every steady window counts. The dir's
// newest main-thread .cpuprofile is read (Buzzi's; a relay's is in its own
// subdir).

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
type ProfileWindow = { label: string; startUs: number; endUs: number };

async function profileFile(target: string): Promise<string> {
  if (target.endsWith('.cpuprofile')) return target;
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
  const names = (await readdir(target)).filter((name) => /\.0\.\d+\.cpuprofile$/.test(name)).sort();
  const newest = names.at(-1);
  if (!newest) throw new Error(`no .cpuprofile in ${target}`);
  return path.join(target, newest);
}

async function windowsOf(dir: string, label: string | undefined): Promise<ProfileWindow[] | null> {
  for (const candidate of [dir, path.dirname(dir)]) {
    const text = await readFile(path.join(candidate, 'windows.json'), 'utf8').catch(() => null);
    if (text === null) continue;
    const windows = JSON.parse(text) as ProfileWindow[];
    const setUp = label?.endsWith('set-up') ?? false;
    return windows.filter(
      (window) =>
        window.label.endsWith('set-up') === setUp &&
        window.label.includes(label?.replace(/ ?set-up$/, '') ?? ''),
    );
  }
  return null;
}

const where = ({ url, lineNumber }: CallFrame) => {
  const file = url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
  return file ? `${file}:${lineNumber + 1}` : '';
};

function top(totals: Map<string, number>, sampledUs: number, count: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => {
      const share = ((us / sampledUs) * 100).toFixed(1).padStart(5);
      return `${(us / 1000).toFixed(0).padStart(8)} ms ${share} %  ${key}`;
    });
}

async function main(): Promise<void> {
  const [target, label, topArg] = process.argv.slice(2);
  if (!target) throw new Error('usage: cpu-profile-summary <dir or .cpuprofile> [label] [top N]');
  const file = await profileFile(target);
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const windows = await windowsOf(path.dirname(file), label);
  if (windows?.length === 0) throw new Error(`no window labelled like "${label}"`);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const keyOf = (frame: CallFrame) => `${frame.functionName || '(anonymous)'}  ${where(frame)}`;
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byFile = new Map<string, number>();
  let sampledUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const durationUs = profile.timeDeltas[i + 1] ?? 0;
    if (windows && !windows.some((w) => at >= w.startUs && at < w.endUs)) continue;
    const frame = nodes.get(profile.samples[i] ?? -1);
    if (!frame) continue;
    sampledUs += durationUs;
    const name = frame.functionName || '(anonymous)';
    const key = keyOf(frame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + durationUs);
    const onStack = new Set<string>();
    for (let id = profile.samples[i]; id !== undefined; id = parents.get(id)) {
      const caller = nodes.get(id);
      if (caller?.url) onStack.add(keyOf(caller));
    }
    for (const caller of onStack) inclusive.set(caller, (inclusive.get(caller) ?? 0) + durationUs);
    const source = where(frame).replace(/:\d+$/, '') || name;
    byFile.set(source, (byFile.get(source) ?? 0) + durationUs);
  }
  const count = Number(topArg ?? 40);
  const scope = windows ? windows.map((w) => w.label).join(', ') : 'the whole profile';
  process.stdout.write(
    [
      `${file}: ${(sampledUs / 1000).toFixed(0)} ms sampled over ${scope}`,
      '',
      'self time by function',
      ...top(byFunction, sampledUs, count),
      '',
      'self time by file',
      ...top(byFile, sampledUs, Math.ceil(count / 2)),
      '',
      'total time (self and callees) by function with a source',
      ...top(inclusive, sampledUs, count),
      '',
    ].join('\n'),
  );
}

await main();
