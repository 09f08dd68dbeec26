import alawmulaw from 'alawmulaw';

/**
 * G.711 companding (8-bit μ-law for Twilio and North American telephony, A-law
 * for European trunks and WhatsApp-style SIP legs) ⇄ PCM16. `alawmulaw` decodes
 * all 256 codes exactly like sox and the G.711 formulas, and costs about 1 µs
 * per 20 ms frame, so there is no reason to keep our own tables. Its encoder
 * picks the nearest level; sox truncates, so on the 0.6 % (μ-law) / 1.7 %
 * (A-law) of input values next to a decision boundary the two differ by one code.
 */

export type G711Law = 'mulaw' | 'alaw';

export function encodeMulaw(samples: Int16Array): Uint8Array {
  return alawmulaw.mulaw.encode(samples);
}

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  return alawmulaw.mulaw.decode(bytes);
}

export function encodeAlaw(samples: Int16Array): Uint8Array {
  return alawmulaw.alaw.encode(samples);
}

export function decodeAlaw(bytes: Uint8Array): Int16Array {
  return alawmulaw.alaw.decode(bytes);
}

export function encodeG711(law: G711Law, samples: Int16Array): Uint8Array {
  return law === 'mulaw' ? encodeMulaw(samples) : encodeAlaw(samples);
}

export function decodeG711(law: G711Law, bytes: Uint8Array): Int16Array {
  return law === 'mulaw' ? decodeMulaw(bytes) : decodeAlaw(bytes);
}
