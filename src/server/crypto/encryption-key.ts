import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Accepts 32 bytes as 64 hex characters or base64. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64');
  }
  return key;
}

/**
 * The configured key, or one generated once into the data directory so an
 * embedded install keeps decrypting what it stored across restarts.
 */
export async function loadEncryptionKey(
  configured: string | undefined,
  dataDir: string,
): Promise<{ key: Buffer; source: 'env' | 'file' | 'generated' }> {
  if (configured) return { key: parseEncryptionKey(configured), source: 'env' };
  const file = path.join(dataDir, 'encryption.key');
  try {
    return { key: parseEncryptionKey(await readFile(file, 'utf8')), source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated' };
}
