/**
 * What WhatsApp accepts of an SDP answer: fingerprints in sha-256 alone
 * (libwebrtc may list others, which Meta refuses), and, behind a 1:1 NAT,
 * host candidates naming the public address instead of the private one.
 */
export function answerSdpForWhatsApp(sdp: string, publicIp?: string): string {
  const lines = sdp.split(/\r?\n/).filter((line) => line.length > 0);
  const kept = lines.filter(
    (line) => !line.startsWith('a=fingerprint:') || line.startsWith('a=fingerprint:sha-256 '),
  );
  const rewritten = publicIp ? kept.map((line) => withPublicHost(line, publicIp)) : kept;
  return `${rewritten.join('\r\n')}\r\n`;
}

/** `a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ host …` */
function withPublicHost(line: string, publicIp: string): string {
  if (!line.startsWith('a=candidate:')) return line;
  const parts = line.split(' ');
  if (parts[7] !== 'host' || parts[2]?.toLowerCase() !== 'udp') return line;
  parts[4] = publicIp;
  return parts.join(' ');
}

/** Whether an SDP offer has an audio section at all (WhatsApp calls are voice calls). */
export const hasAudio = (sdp: string) => /^m=audio /m.test(sdp);
