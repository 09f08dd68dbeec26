import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDemoPassword } from './demo.js';

/**
 * The demo password: BUZZI_DEMO_PASSWORD, else one generated at first start
 * and kept (0600) in the data directory so the start banner can show it again.
 */
export async function resolveDemoPassword(configured: string | undefined, dataDir: string) {
  if (configured) return { password: configured, source: 'env' as const };
  const file = path.join(dataDir, 'demo-password');
  try {
    return { password: (await readFile(file, 'utf8')).trim(), source: 'file' as const };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = generateDemoPassword();
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return { password, source: 'generated' as const };
}
