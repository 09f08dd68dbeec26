import { WebSocket } from 'ws';
import { cpuProfileDir, serverCore, startEchoProviders } from './call-path/bench-driver.js';
import { type BuzziServer, startBuzzi } from './call-path/buzzi-server.js';
import { FRAME_MS, startFrameClock, wallMs } from './call-path/caller-figures.js';
import { summarize } from './stats.js';

// A person on a call (issue 12): the caller's browser socket → Buzzi (its own
// process, pinned to one core) → the person's take-over socket, and back.
// Each side streams real-time 20 ms frames of silence with a loud 20 ms
// burst every half second; the other side's arrival of the burst, minus
// when it was sent, is the mouth-to-ear latency the server adds (on top of
// the network, here loopback). The calls are taken over with the dashboard's
// own endpoints (POST take-over, then the socket); the AI (OpenAI Realtime,
// a fake in another process) is out of the conversation meanwhile.
//
// BENCH_TAKE_OVER_CALLS=50 (default) sets how many calls run at once.

const CALLS = Number(process.env.BENCH_TAKE_OVER_CALLS ?? 50);
const MEASURE_MS = 15_000;
const BURST_EVERY_FRAMES = 25;
const PERSON_RATE = 24_000;
const LOUD = 8000;
const HEARD = 4000;

const progress = (line: string) => process.stderr.write(`take-over bench: ${line}\n`);

type Side = { socket: WebSocket; rate: number; burstSentAt: number | null; latencies: number[] };

function frame(rate: number, loud: boolean): Buffer {
  const bytes = Buffer.alloc((rate * FRAME_MS * 2) / 1000);
  if (!loud) return bytes;
  for (let i = 0; i < bytes.length; i += 2) {
    bytes.writeInt16LE(Math.round(LOUD * Math.sin((2 * Math.PI * 440 * i) / 2 / rate)), i);
  }
  return bytes;
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade ${res.statusCode}`)),
    );
  });
}

/** Notes when `to` hears the burst `from` sent. */
function listen(to: Side, from: Side): void {
  to.socket.on('message', (data, isBinary) => {
    if (!isBinary || from.burstSentAt === null) return;
    const buffer = data as Buffer;
    for (let i = 0; i + 1 < buffer.length; i += 2) {
      if (Math.abs(buffer.readInt16LE(i)) < HEARD) continue;
      from.latencies.push(wallMs() - from.burstSentAt);
      from.burstSentAt = null;
      return;
    }
  });
}

async function takeOverCall(server: BuzziServer, n: number) {
  // Each caller its own address (Buzzi trusts the proxy header here), as real callers are:
  // call sessions are rate-limited per address.
  const caller = { 'x-forwarded-for': `10.1.${n >> 8}.${n & 255}` };
  const session = (await fetch(`${server.url}/api/widget/call/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...caller },
    body: JSON.stringify({ chatbotId: server.chatbotId }),
  }).then((res) => res.json())) as { wsUrl: string; token: string; inputSampleRate: number };
  const callerSocket = await open(
    `${session.wsUrl}?token=${encodeURIComponent(session.token)}`,
    caller,
  );
  const callId = await new Promise<string>((resolve) =>
    callerSocket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const event = JSON.parse(String(data)) as { type: string; callId?: string };
      if (event.type === 'call.started' && event.callId) resolve(event.callId);
    }),
  );
  await server.admin('POST', `/api/company/calls/${callId}/take-over`);
  const personSocket = await open(
    `${server.url.replace(/^http/, 'ws')}/api/company/calls/${callId}/take-over/socket`,
    { cookie: server.admin.cookieHeader() },
  );
  const callerSide: Side = {
    socket: callerSocket,
    rate: session.inputSampleRate,
    burstSentAt: null,
    latencies: [],
  };
  const person: Side = {
    socket: personSocket,
    rate: PERSON_RATE,
    burstSentAt: null,
    latencies: [],
  };
  listen(person, callerSide);
  listen(callerSide, person);
  return { caller: callerSide, person };
}

export async function takeOverBench() {
  const fakes = await startEchoProviders();
  const server = await startBuzzi({
    core: serverCore,
    providerBaseUrl: fakes.baseUrl,
    callModel: 'gpt-realtime',
    cpuProfileDir,
  });
  try {
    progress(`opening ${CALLS} calls and taking each over`);
    const calls = [];
    for (let i = 0; i < CALLS; i++) calls.push(await takeOverCall(server, i));
    const sides = calls.flatMap((call) => [call.caller, call.person]);
    const silent = new Map(sides.map((side) => [side.rate, frame(side.rate, false)]));
    const loud = new Map(sides.map((side) => [side.rate, frame(side.rate, true)]));
    let measuring = false;
    const clock = startFrameClock((n) => {
      const burst = n % BURST_EVERY_FRAMES === 0;
      for (const side of sides) {
        if (side.socket.readyState !== WebSocket.OPEN) continue;
        const bytes = (burst ? loud : silent).get(side.rate);
        if (bytes) side.socket.send(bytes);
        if (burst && measuring) side.burstSentAt = wallMs();
      }
      return true;
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const side of sides) side.latencies = [];
    measuring = true;
    const cpuBefore = await server.cpuMs();
    progress(`measuring ${MEASURE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const cpuMs = (await server.cpuMs()) - cpuBefore;
    clock.stop();
    for (const side of sides) side.socket.close();
    const callerToPerson = calls.flatMap((call) => call.caller.latencies);
    const personToCaller = calls.flatMap((call) => call.person.latencies);
    const bursts = (MEASURE_MS / (FRAME_MS * BURST_EVERY_FRAMES)) * CALLS;
    return {
      calls: CALLS,
      callerToPersonMs: summarize(callerToPerson, 2),
      personToCallerMs: summarize(personToCaller, 2),
      burstsLost: {
        callerToPerson: Math.max(0, Math.round(bursts - callerToPerson.length)),
        personToCaller: Math.max(0, Math.round(bursts - personToCaller.length)),
      },
      serverCpuMsPerCallSecond: Number((cpuMs / CALLS / (MEASURE_MS / 1000)).toFixed(2)),
      serverRssMb: Math.round(await server.rssMb()),
    };
  } finally {
    await server.stop();
    fakes.child.kill();
  }
}
