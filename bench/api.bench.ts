import { createUser, login } from '../test/helpers/fixtures.js';
import { startTestApp } from '../test/helpers/test-app.js';
import { summarize, time } from './stats.js';

/** Round-trip latency over real HTTP of an authenticated, tenant-scoped read. */
export async function apiBench() {
  const t = await startTestApp();
  try {
    const user = await createUser(t.db);
    const client = await login(t, user.email);
    return {
      database: t.database.kind,
      meMs: summarize(await time(() => client.get('/api/auth/me'), 500)),
      healthMs: summarize(await time(() => client.get('/api/health'), 500)),
    };
  } finally {
    await t.close();
  }
}
