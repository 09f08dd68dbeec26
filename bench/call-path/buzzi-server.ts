import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CHATBOT_PUBLIC_ID } from '../../src/server/seed/demo.js';

// The product as `npm start` runs it (src/server/main.ts on the embedded
// defaults), optionally pinned to one core, set up through its own API for a
// load run: the demo company may take 1000 calls, the demo call chatbot
// answers with the chosen call model and says no greeting.

const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password-0123';
const CLOCK_TICKS_PER_SECOND = Number(
  spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100,
);

export type PinnedProcess = {
  child: ChildProcess;
  /** User + system CPU of the whole process (every thread) so far, in ms. */
  cpuMs(): Promise<number>;
  /** The system (kernel) part of cpuMs. */
  systemCpuMs(): Promise<number>;
  rssMb(): Promise<number>;
  stop(): Promise<void>;
};

/** Runs `args` under `taskset -c <core>` when a core is given and taskset exists. */
export function spawnPinned(
  args: string[],
  options: { core?: number | undefined; env?: NodeJS.ProcessEnv; ipc?: boolean } = {},
): PinnedProcess {
  const pin = options.core !== undefined && spawnSync('taskset', ['-V']).status === 0;
  const command = pin ? 'taskset' : process.execPath;
  const argv = pin ? ['-c', String(options.core), process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    cwd: root,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'inherit', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  // /proc/<pid>/stat fields after the parenthesised command name: utime is the 12th, stime the 13th.
  const cpuTicks = async () => {
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return { user: Number(fields[11]), system: Number(fields[12]) };
  };
  const toMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  return {
    child,
    cpuMs: async () => {
      const { user, system } = await cpuTicks();
      return toMs(user + system);
    },
    systemCpuMs: async () => toMs((await cpuTicks()).system),
    rssMb: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A request as the signed-in demo admin (Acme Dental active); throws unless 2xx. */
export type AdminApi = ((
  method: string,
  route: string,
  body?: unknown,
) => Promise<Record<string, unknown>>) & {
  /** The admin's session, for WebSockets opened as them. */
  cookieHeader(): string;
};

export type BuzziServer = PinnedProcess & {
  url: string;
  /** The demo call chatbot's public id (what the widget names). */
  chatbotId: string;
  /** Its id in the company API. */
  chatbotApiId: string;
  admin: AdminApi;
};

export async function startBuzzi(options: {
  core?: number | undefined;
  providerBaseUrl: string;
  /** ai_models.model_id of the call model the demo chatbot answers with. */
  callModel: string;
  cpuProfileDir?: string | undefined;
  /** More environment (PORT, PUBLIC_URL, TWILIO_API_BASE_URL…); wins over the defaults. */
  env?: NodeJS.ProcessEnv;
}): Promise<BuzziServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-bench-'));
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const server = spawnPinned([...profile, '--import', 'tsx', 'src/server/main.ts'], {
    core: options.core,
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BUZZI_DATA_DIR: dataDir,
      BUZZI_DEMO_PASSWORD: PASSWORD,
      TRUST_PROXY: 'true',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: `${options.providerBaseUrl}/v1`,
      GEMINI_API_KEY: 'bench',
      GEMINI_BASE_URL: options.providerBaseUrl,
      ...options.env,
    },
  });
  let output = '';
  server.child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 120_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && server.child.exitCode === null) {
    url = /Dashboard\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
    if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!url) throw new Error(`Buzzi did not start:\n${output}`);
  const admin = await signInAsDemoAdmin(url);
  const buzzi: BuzziServer = {
    ...server,
    url,
    chatbotId: DEMO_CHATBOT_PUBLIC_ID,
    chatbotApiId: await prepareDemoLine(admin),
    admin,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await setCallModel(buzzi, options.callModel);
  return buzzi;
}

/** Signs in as the demo master admin, with the demo company active. */
async function signInAsDemoAdmin(url: string): Promise<AdminApi> {
  let cookies: string[] = [];
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: {
        cookie: cookies.join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
    const names = new Set(set.map((cookie) => cookie.split('=')[0]));
    cookies = [...cookies.filter((cookie) => !names.has(cookie.split('=')[0])), ...set];
    if (!response.ok)
      throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const api: AdminApi = Object.assign(call, { cookieHeader: () => cookies.join('; ') });
  await api('POST', '/api/auth/login', { email: 'admin@buzzi.local', password: PASSWORD });
  return api;
}

/** Readies the demo call chatbot for a load run; its id in the company API. */
async function prepareDemoLine(api: AdminApi): Promise<string> {
  const { companies } = (await api('GET', '/api/master/companies')) as {
    companies: Array<{ id: string; slug: string; name: string }>;
  };
  const acme = companies.find((company) => company.name === 'Acme Dental');
  if (!acme) throw new Error('demo company missing');
  await api('PATCH', `/api/master/companies/${acme.id}/settings`, {
    limits: { maxConcurrentCalls: 1000 },
  });
  await api('POST', '/api/auth/active-company', { companyId: acme.id });
  const { chatbots } = (await api('GET', '/api/company/chatbots')) as {
    chatbots: Array<{ id: string; publicId: string }>;
  };
  const chatbot = chatbots.find((candidate) => candidate.publicId === DEMO_CHATBOT_PUBLIC_ID);
  if (!chatbot) throw new Error('demo call chatbot missing');
  // The demo package caps concurrent calls at 5; without a package the company's limit holds.
  await api('PATCH', `/api/company/chatbots/${chatbot.id}`, { packageId: null });
  return chatbot.id;
}

/** The demo call chatbot answers new calls with `callModel` (ai_models.model_id), no greeting. */
export async function setCallModel(server: BuzziServer, callModel: string): Promise<void> {
  const { models } = (await server.admin('GET', '/api/master/ai-models')) as {
    models: Array<{ id: string; modelId: string }>;
  };
  const model = models.find((candidate) => candidate.modelId === callModel);
  if (!model) throw new Error(`no AI model ${callModel}`);
  await server.admin('PATCH', `/api/company/chatbots/${server.chatbotApiId}/call-settings`, {
    modelId: model.id,
    greeting: '',
    silenceTimeoutSec: 300,
    maxDurationMin: 60,
  });
}
