import { cpus } from 'node:os';
import { answersBench } from './answers.bench.js';
import { apiBench } from './api.bench.js';
import { audioBench } from './audio.bench.js';
import { callsBench } from './calls.bench.js';
import { gatewayBench } from './gateway.bench.js';
import { knowledgeIsolationBench } from './knowledge-isolation.bench.js';
import { loadBench } from './load.bench.js';
import { localVoiceBench } from './local-voice.bench.js';
import { retrievalBench } from './retrieval.bench.js';
import { secretBoxBench } from './secret-box.bench.js';
import { takeOverBench } from './take-over.bench.js';
import { twilioBench } from './twilio.bench.js';
import { widgetSizeBench } from './widget-size.bench.js';

// `npm run bench`: every benchmark's figures as one JSON document on stdout.
const benches: Record<string, () => Promise<unknown>> = {
  secretBox: secretBoxBench,
  api: apiBench,
  retrieval: retrievalBench,
  answers: answersBench,
  gateway: gatewayBench,
  twilio: twilioBench,
  audio: audioBench,
  localVoice: localVoiceBench,
  widgetSize: widgetSizeBench,
  knowledgeIsolation: knowledgeIsolationBench,
  calls: callsBench,
  takeOver: takeOverBench,
};

// Only when asked for by name (`npm run bench load`): it holds its calls for minutes.
const onDemand: Record<string, () => Promise<unknown>> = { load: loadBench };

const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const [name, run] of [...Object.entries(benches), ...Object.entries(onDemand)]) {
  if (only.length > 0 ? !only.includes(name) : name in onDemand) continue;
  results[name] = await run();
}
process.stdout.write(
  `${JSON.stringify({ node: process.version, cpus: cpus().length, results }, null, 2)}\n`,
);
