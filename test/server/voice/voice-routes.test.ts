import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiModels } from '../../../src/server/db/schema/index.js';
import { rmsDbfs } from '../../../src/server/voice/audio/level.js';
import { decodeWav } from '../../../src/server/voice/audio/wav.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectError } from '../../helpers/expect-error.js';
import { createCompany, createTenants, createUser, login } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

type VoicesBody = {
  voices: Array<{ id: string; label: string }>;
  engine: string;
  canPreview: boolean;
  reason?: string;
};

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let callsOff: ApiClient;
const models = { local: '', openai: '', gemini: '', chat: '', inactive: '' };

const voicesPath = (modelId: string) => `/api/company/voices/${modelId}`;
const previewPath = (modelId: string, voice: string) =>
  `/api/company/voices/${modelId}/${voice}/preview`;

async function modelRowId(provider: 'openai' | 'gemini' | 'local', modelId: string) {
  const [row] = await t.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(and(eq(aiModels.provider, provider), eq(aiModels.modelId, modelId)));
  if (!row) throw new Error(`model ${modelId} missing`);
  return row.id;
}

/** The audio bytes of a preview, fetched as a signed-in browser would. */
async function fetchPreview(client: ApiClient, modelId: string, voice: string) {
  const response = await fetch(new URL(previewPath(modelId, voice), t.url), {
    headers: { cookie: client.cookieHeader },
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The real flite behind a wrapper that logs the voice of every synthesis it runs. */
let fliteShim = { dir: '', log: '' };

/** How many times flite has spoken in `voice` so far. */
async function synthesesIn(voice: string): Promise<number> {
  const lines = (await readFile(fliteShim.log, 'utf8').catch(() => '')).split('\n');
  return lines.filter((line) => line === voice).length;
}

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'buzzi-flite-shim-'));
  fliteShim = { dir, log: path.join(dir, 'voices.log') };
  const shim = path.join(dir, 'flite');
  await writeFile(
    shim,
    [
      '#!/bin/sh',
      'prev=""',
      `for arg in "$@"; do [ "$prev" = "-voice" ] && echo "$arg" >> '${fliteShim.log}'; prev="$arg"; done`,
      'exec flite "$@"',
      '',
    ].join('\n'),
  );
  await chmod(shim, 0o755);
  t = await startTestApp({ FLITE_BIN: shim });
  tenants = await createTenants(t, { callEnabled: true });
  const company = await createCompany(t.db, { callEnabled: false });
  const admin = await createUser(t.db, {
    memberships: [{ companyId: company.id, role: 'company_admin' }],
  });
  callsOff = await login(t, admin.email);
  models.local = await modelRowId('local', 'buzzi-local');
  models.openai = await modelRowId('openai', 'gpt-realtime');
  models.gemini = await modelRowId('gemini', 'gemini-3.8-live');
  models.chat = await modelRowId('openai', 'gpt-5.2');
  const [inactive] = await t.db
    .insert(aiModels)
    .values({
      provider: 'local',
      modelId: 'retired-local',
      displayName: 'Retired',
      modelType: 'both',
      isActive: false,
    })
    .returning({ id: aiModels.id });
  models.inactive = inactive?.id ?? '';
});
afterAll(async () => {
  await t?.close();
  await rm(fliteShim.dir, { recursive: true, force: true });
});

describe('GET /api/company/voices/:modelId', () => {
  it('lists the local engine voices, which can be previewed', async () => {
    const res = await tenants.as.adminA.get<VoicesBody>(voicesPath(models.local));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.engine).toBe('flite');
    expect(res.body.canPreview).toBe(true);
    expect(res.body.reason).toBeUndefined();
    expect(res.body.voices).toContainEqual({ id: 'slt', label: 'Slt (US female)' });
    expect(res.body.voices.map((v) => v.id)).toEqual(['slt', 'rms', 'awb', 'kal16']);
  });

  it("lists a realtime provider's voices and says why they cannot be previewed", async () => {
    const openai = await tenants.as.adminA.get<VoicesBody>(voicesPath(models.openai));
    expect(openai.status).toBe(200);
    expect(openai.body.voices).toContainEqual({ id: 'marin', label: 'Marin' });
    expect(openai.body.canPreview).toBe(false);
    expect(openai.body.reason).toBe("Previews of this provider's voices are not available");

    const gemini = await tenants.as.adminA.get<VoicesBody>(voicesPath(models.gemini));
    expect(gemini.status).toBe(200);
    expect(gemini.body.voices).toContainEqual({ id: 'Puck', label: 'Puck' });
    expect(gemini.body.canPreview).toBe(false);
  });

  it('answers 404 for a chat-only, inactive or unknown model', async () => {
    for (const id of [models.chat, models.inactive, '00000000-0000-4000-8000-000000000000']) {
      expectError(await tenants.as.adminA.get(voicesPath(id)), 404, 'not_found');
    }
    expectError(await tenants.as.adminA.get(voicesPath('not-a-uuid')), 400, 'validation_error');
  });
});

describe('GET /api/company/voices/:modelId/:voice/preview', () => {
  it('speaks a sample in the voice as a 16 kHz WAV the browser may cache', async () => {
    const { response, bytes } = await fetchPreview(tenants.as.adminA, models.local, 'rms');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
    const audio = decodeWav(bytes);
    expect(audio.sampleRate).toBe(16000);
    const durationMs = (audio.samples.length / audio.sampleRate) * 1000;
    expect(durationMs).toBeGreaterThan(1500);
    expect(durationMs).toBeLessThan(6000);
    expect(rmsDbfs(audio.samples)).toBeGreaterThan(-35);
  });

  it('answers a repeated request from the cache, and another voice with different audio', async () => {
    const first = await fetchPreview(tenants.as.adminA, models.local, 'awb');
    const spoken = await synthesesIn('awb');
    expect(spoken).toBeGreaterThan(0);
    const again = await fetchPreview(tenants.as.adminB, models.local, 'awb');
    expect(await synthesesIn('awb')).toBe(spoken);
    const other = await fetchPreview(tenants.as.adminA, models.local, 'slt');
    expect(again.response.status).toBe(200);
    expect(again.response.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(Buffer.from(other.bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });

  it('answers 404 for a voice the model does not offer', async () => {
    expectError(await tenants.as.adminA.get(previewPath(models.local, 'marin')), 404, 'not_found');
    expectError(await tenants.as.adminA.get(previewPath(models.openai, 'slt')), 404, 'not_found');
    expectError(await tenants.as.adminA.get(previewPath(models.chat, 'slt')), 404, 'not_found');
  });

  it("answers 503 with the reason for a realtime provider's voice", async () => {
    const body = expectError(
      await tenants.as.adminA.get(previewPath(models.openai, 'marin')),
      503,
      'voice_engine_unavailable',
    );
    expect(body.message).toBe("Previews of this provider's voices are not available");
  });
});

describe('voice routes security', () => {
  const paths = () => [voicesPath(models.local), previewPath(models.local, 'slt')];

  it('refuses a visitor without a session', async () => {
    for (const path of paths()) {
      expectError(await tenants.as.anonymous.get(path), 401, 'unauthorized');
    }
  });

  it('refuses a support agent', async () => {
    for (const path of paths()) {
      expectError(await tenants.as.agentA.get(path), 403, 'forbidden');
    }
  });

  it('refuses a company without the call feature', async () => {
    for (const path of paths()) {
      expectError(await callsOff.get(path), 403, 'call_feature_disabled');
    }
  });
});

describe('voice previews on a server without flite', () => {
  let bare: TestApp;
  let admin: ApiClient;
  let localModel: string;

  beforeAll(async () => {
    bare = await startTestApp({ FLITE_BIN: '/nonexistent/flite' });
    const company = await createCompany(bare.db, { callEnabled: true });
    const user = await createUser(bare.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    admin = await login(bare, user.email);
    const [row] = await bare.db
      .select({ id: aiModels.id })
      .from(aiModels)
      .where(eq(aiModels.provider, 'local'));
    localModel = row?.id ?? '';
  });
  afterAll(() => bare?.close());

  it('still lists the local voices, and says what to install to hear them', async () => {
    const local = await admin.get<VoicesBody>(voicesPath(localModel));
    expect(local.status, JSON.stringify(local.body)).toBe(200);
    expect(local.body.voices.map((v) => v.id)).toContain('slt');
    expect(local.body.canPreview).toBe(false);
    expect(local.body.reason).toMatch(/apt-get install.*flite/);

    const body = expectError(
      await admin.get(previewPath(localModel, 'slt')),
      503,
      'voice_engine_unavailable',
    );
    expect(body.message).toMatch(/apt-get install.*flite/);
  });
});
