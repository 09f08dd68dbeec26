import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Cluster, startCluster } from './cluster/cluster.js';

// `npm run cluster`: three Buzzi nodes behind HAProxy on this machine's
// PostgreSQL and Redis, in a fresh database that is dropped on Ctrl-C.
//   DATABASE_URL  server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
//   REDIS_URL     default redis://127.0.0.1:6379
//   CLUSTER_PORT  HAProxy's port (default 8080)

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const port = Number(process.env.CLUSTER_PORT ?? 8080);
const demoPassword = process.env.BUZZI_DEMO_PASSWORD ?? randomBytes(9).toString('base64url');

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-if-changed.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const database = `buzzi_cluster_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);

  let cluster: Cluster;
  try {
    console.log(`Starting three nodes and HAProxy on database ${database}…`);
    cluster = await startCluster({
      databaseUrl: databaseUrl.toString(),
      redisUrl,
      port,
      serverArgs: ['dist/server/main.js'],
      env: { BUZZI_DEMO_PASSWORD: demoPassword },
      onOutput: (source, line) => {
        // The nodes' banners name the public address; the summary below says more.
        if (source === 'haproxy' || /"level":(40|50|60)/.test(line))
          console.log(`[${source}] ${line}`);
      },
    });
  } catch (error) {
    await dropDatabase();
    throw error;
  }

  console.log(`\n  Buzzi cluster is running\n`);
  console.log(`  HAProxy     ${cluster.url}/   (callers and dashboards go here)`);
  console.log(`  Stats       ${cluster.statsUrl}/`);
  for (const node of cluster.nodes) {
    console.log(`  ${node.name.padEnd(11)} ${node.url}/   NODE_ID=${node.nodeId}`);
  }
  console.log(
    `\n  Demo logins (admin@buzzi.local, owner@acme.test, agent@acme.test), password: ${demoPassword}`,
  );
  console.log('  Ctrl-C stops the nodes, then HAProxy, and drops the database.\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the nodes (live calls get their grace), then HAProxy…`);
    await cluster.stop();
    await dropDatabase();
    console.log('Stopped; database dropped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (const node of cluster.nodes) {
    void node.exited.then((code) => {
      if (!stopping) console.log(`[${node.name}] exited with ${code}`);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
