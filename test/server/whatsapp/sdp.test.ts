import { describe, expect, it } from 'vitest';
import { answerSdpForWhatsApp } from '../../../src/server/voice/transports/whatsapp/sdp.js';

const ANSWER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=candidate:1 1 udp 2122260223 10.0.0.5 50000 typ host generation 0',
  'a=candidate:2 1 tcp 1518280447 10.0.0.5 9 typ host tcptype active generation 0',
  'a=candidate:3 1 udp 1686052607 203.0.113.9 50000 typ srflx raddr 10.0.0.5 rport 50000',
  'a=fingerprint:sha-256 AB:CD:EF',
  'a=fingerprint:sha-384 01:02:03',
  'a=fingerprint:sha-512 04:05:06',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

describe('the SDP answer WhatsApp gets', () => {
  it('keeps sha-256 fingerprints only', () => {
    const sdp = answerSdpForWhatsApp(ANSWER);
    expect(sdp).toContain('a=fingerprint:sha-256 AB:CD:EF\r\n');
    expect(sdp).not.toMatch(/sha-384|sha-512/);
    expect(sdp).toContain('a=rtpmap:111 opus/48000/2\r\n');
    expect(sdp.endsWith('\r\n')).toBe(true);
  });

  it('names the public address in UDP host candidates behind a 1:1 NAT', () => {
    const sdp = answerSdpForWhatsApp(ANSWER, '198.51.100.7');
    expect(sdp).toContain('a=candidate:1 1 udp 2122260223 198.51.100.7 50000 typ host');
    expect(sdp).toContain('a=candidate:2 1 tcp 1518280447 10.0.0.5 9 typ host');
    expect(sdp).toContain('203.0.113.9 50000 typ srflx raddr 10.0.0.5');
  });
});
