import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';
import { readServerStates, type ServerStates } from './haproxy-stats.js';

// Three Buzzi nodes on one PostgreSQL and one Redis behind HAProxy, as
// deploy/haproxy/buzzi.cfg describes: `npm run cluster` and the cluster test
// both start it here.

const root = path.resolve(import.meta.dirname, '../..');
export const HAPROXY_CONFIG = path.join(root, 'deploy/haproxy/buzzi.cfg');
/** Node's arguments for the source server; `['dist/server/main.js']` runs the build as `npm start` does. */
export const SOURCE_SERVER = ['--import', 'tsx', 'src/server/main.ts'];
const NODE_NAMES = ['node1', 'node2', 'node3'] as const;
// Debian puts it in /usr/sbin, which a normal user's PATH lacks.
const HAPROXY_BINARY = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find(existsSync);
const OUTPUT_KEPT_CHARS = 200_000;

export type ClusterOptions = {
  databaseUrl: string;
  redisUrl: string;
  /** More environment for every node (provider URLs, SHUTDOWN_GRACE_MS…); wins over the defaults. */
  env?: Record<string, string>;
  serverArgs?: string[];
  /** HAProxy's port; a free one when absent. */
  port?: number;
  host?: string;
  /** Each line a process prints, for a console; kept for error messages either way. */
  onOutput?: (source: string, line: string) => void;
  startTimeoutMs?: number;
};

export type ClusterNode = {
  /** The HAProxy server name (node1…node3), also its NODE_ID prefix. */
  name: string;
  nodeId: string;
  /** The node's own address, past the balancer. */
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
};

export type Cluster = {
  /** Where callers and dashboards go: HAProxy. */
  url: string;
  /** HAProxy's stats page (`/;csv` for machines). */
  statsUrl: string;
  nodes: ClusterNode[];
  haproxy: ChildProcess;
  /** HAProxy's view of the nodes: `{ node1: 'UP', node2: 'DOWN', … }`. */
  serverStates(): Promise<ServerStates>;
  /** Waits until HAProxy sees the nodes as `expected` says (others unchecked). */
  waitForStates(expected: ServerStates, timeoutMs?: number): Promise<void>;
  /** SIGTERM to the nodes (they drain their calls), then HAProxy; idempotent. */
  stop(): Promise<void>;
};

type Spawned = { child: ChildProcess; exited: Promise<number | null>; output(): string };

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const haproxyBinary = HAPROXY_BINARY ?? whichHaproxy();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const url = `http://${host}:${port}`;
  const statsPort = await freePort(host);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-cluster-'));
  const run = randomBytes(3).toString('hex');
  // One key for all: sessions signed by one node are read by the others.
  const encryptionKey = randomBytes(32).toString('hex');
  const { DATABASE_URL: _db, REDIS_URL: _redis, PORT: _port, ...inherited } = process.env;
  const spawned: Spawned[] = [];
  const stopAll = () => {
    for (const { child } of spawned) if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stopAll);

  const nodes: ClusterNode[] = [];
  try {
    for (const name of NODE_NAMES) {
      const nodePort = await freePort(host);
      const nodeId = `${name}-${run}`;
      const node = spawnLogged(
        name,
        process.execPath,
        options.serverArgs ?? SOURCE_SERVER,
        {
          ...inherited,
          LOG_LEVEL: 'warn',
          ...options.env,
          HOST: host,
          PORT: String(nodePort),
          NODE_ID: nodeId,
          DATABASE_URL: options.databaseUrl,
          REDIS_URL: options.redisUrl,
          PUBLIC_URL: url,
          TRUST_PROXY: 'true',
          ENCRYPTION_KEY: encryptionKey,
          BUZZI_DATA_DIR: path.join(dataDir, name),
        },
        options.onOutput,
      );
      spawned.push(node);
      nodes.push({
        ...node,
        name,
        nodeId,
        url: `http://${host}:${nodePort}`,
        kill: (signal) => node.child.kill(signal),
      });
    }
    const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
    await Promise.all(nodes.map((node) => waitUntilReady(node, deadline)));

    const haproxy = spawnLogged(
      'haproxy',
      haproxyBinary,
      ['-f', HAPROXY_CONFIG, '-db'],
      {
        ...inherited,
        BUZZI_LISTEN: `${host}:${port}`,
        BUZZI_STATS: `${host}:${statsPort}`,
        ...Object.fromEntries(
          nodes.map((node, i) => [`BUZZI_NODE${i + 1}`, node.url.replace('http://', '')]),
        ),
      },
      options.onOutput,
    );
    spawned.push(haproxy);
    const statsUrl = `http://${host}:${statsPort}`;
    const serverStates = () => readServerStates(statsUrl);

    const waitForStates = async (expected: ServerStates, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      let seen: ServerStates | string = 'nothing';
      while (Date.now() < until) {
        if (haproxy.child.exitCode !== null) break;
        try {
          const states = await serverStates();
          seen = states;
          if (Object.entries(expected).every(([name, state]) => states[name] === state)) return;
        } catch (error) {
          seen = String(error);
        }
        await delay(200);
      }
      throw new Error(
        `HAProxy never saw ${JSON.stringify(expected)}; last: ${JSON.stringify(seen)}\n${haproxy.output()}`,
      );
    };
    await waitForStates(Object.fromEntries(NODE_NAMES.map((name) => [name, 'UP'])));

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        for (const node of nodes) if (node.child.exitCode === null) node.kill('SIGTERM');
        await Promise.all(nodes.map((node) => node.exited));
        await stopProcess(haproxy);
        process.off('exit', stopAll);
        await rm(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    };
    return {
      url,
      statsUrl,
      nodes,
      haproxy: haproxy.child,
      serverStates,
      waitForStates,
      stop,
    };
  } catch (error) {
    stopAll();
    await Promise.all(spawned.map((process) => process.exited));
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function whichHaproxy(): string {
  const found = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('HAProxy is not installed: run bash scripts/install-system-deps.sh');
  return found;
}

function spawnLogged(
  source: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onOutput: ClusterOptions['onOutput'],
): Spawned {
  // Its own process group: a terminal's Ctrl-C reaches the script alone, which stops them in order.
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-OUTPUT_KEPT_CHARS);
    for (const line of text.split('\n')) if (line.trim()) onOutput?.(source, line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      output += `\n${error.message}`;
      resolve(null);
    });
  });
  return { child, exited, output: () => output };
}

async function waitUntilReady(node: ClusterNode, deadline: number): Promise<void> {
  while (Date.now() < deadline && node.child.exitCode === null) {
    try {
      const response = await fetch(`${node.url}/api/health/ready`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await delay(250);
  }
  throw new Error(`${node.name} never became ready:\n${node.output()}`);
}

async function stopProcess(process: Spawned): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  process.child.kill('SIGTERM');
  await process.exited;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
