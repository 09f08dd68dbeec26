import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import {
  peerConnectionConfig,
  WhatsAppLeg,
} from '../../../src/server/voice/transports/whatsapp/whatsapp-leg.js';
import { WhatsAppCallerPeer } from './whatsapp-world.js';

const candidatePorts = (sdp: string) =>
  [...sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ \S+ (\d+) typ host/gim)].map((m) => Number(m[1]));

describe('WhatsApp media configuration', () => {
  it('reads the public address, port range and TURN server from the environment', () => {
    const config = loadConfig({
      WHATSAPP_MEDIA_PUBLIC_IP: '198.51.100.7',
      WHATSAPP_MEDIA_PORT_MIN: '40000',
      WHATSAPP_MEDIA_PORT_MAX: '40100',
      WHATSAPP_TURN_URL: 'turn:turn.example.com:3478',
      WHATSAPP_TURN_USERNAME: 'buzzi',
      WHATSAPP_TURN_CREDENTIAL: 'secret',
      WHATSAPP_TURN_ONLY: 'true',
    });
    expect(config.whatsappMedia).toEqual({
      publicIp: '198.51.100.7',
      portRange: { min: 40000, max: 40100 },
      turn: { url: 'turn:turn.example.com:3478', username: 'buzzi', credential: 'secret' },
      turnOnly: true,
    });
    expect(peerConnectionConfig(config.whatsappMedia)).toEqual({
      sdpSemantics: 'unified-plan',
      iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'buzzi', credential: 'secret' }],
      iceTransportPolicy: 'relay',
      portRange: { min: 40000, max: 40100 },
    });
    expect(loadConfig({}).whatsappMedia).toEqual({
      publicIp: undefined,
      portRange: undefined,
      turn: undefined,
      turnOnly: false,
    });
  });

  it('refuses half a port range, a reversed one, and relaying without a TURN server', () => {
    expect(() => loadConfig({ WHATSAPP_MEDIA_PORT_MIN: '40000' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ WHATSAPP_MEDIA_PORT_MIN: '40100', WHATSAPP_MEDIA_PORT_MAX: '40000' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ WHATSAPP_TURN_ONLY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ WHATSAPP_MEDIA_PUBLIC_IP: 'not-an-ip' })).toThrow(ConfigError);
  });

  it('answers with candidates in the port range, naming the public address', async () => {
    const caller = new WhatsAppCallerPeer();
    const leg = new WhatsAppLeg({
      media: {
        publicIp: '198.51.100.7',
        portRange: { min: 41000, max: 41050 },
        turn: undefined,
        turnOnly: false,
      },
      logger: pino({ level: 'silent' }),
    });
    try {
      const answer = await leg.answer(await caller.offer());
      const ports = candidatePorts(answer);
      expect(ports.length).toBeGreaterThan(0);
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(41000);
        expect(port).toBeLessThanOrEqual(41050);
      }
      expect(answer).toMatch(/ 198\.51\.100\.7 \d+ typ host/);
      expect(answer).not.toMatch(/^a=fingerprint:sha-(384|512)/m);
    } finally {
      leg.close('test_over');
      caller.close();
    }
  });
});
