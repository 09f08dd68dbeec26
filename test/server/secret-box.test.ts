import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEncryptionKey } from '../../src/server/crypto/encryption-key.js';
import { SecretBox } from '../../src/server/crypto/secret-box.js';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const sealed = box.sealJson({ authToken: 'tw-secret-123' });
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('tw-secret-123');
    expect(box.openJson(sealed)).toEqual({ authToken: 'tw-secret-123' });
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('detects tampering and the wrong key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open('not sealed')).toThrow('Not a sealed secret');
  });

  it('derives distinct purpose keys', () => {
    expect(box.deriveKey('cookie').equals(box.deriveKey('session'))).toBe(false);
    expect(box.deriveKey('cookie')).toHaveLength(32);
  });

  it('accepts a key as hex or base64 and rejects the wrong length', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseEncryptionKey('abcd')).toThrow(/32 bytes/);
  });
});
