import { availableParallelism, hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalUrl = z.url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BUZZI_DATA_DIR: z.string().default('.buzzi'),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  PUBLIC_URL: optionalUrl,
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('Buzzi <no-reply@buzzi.local>'),
  TRUST_PROXY: flag.default(false),
  ENCRYPTION_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BUZZI_SEED_DEMO: flag.default(true),
  BUZZI_DEMO_PASSWORD: z.string().min(8).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  NODE_ID: z.string().trim().min(1).max(64).optional(),
  CALL_STALE_AFTER_MS: z.coerce.number().int().min(3000).max(3600_000).default(60_000),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl,
  GEMINI_API_KEY: z.string().optional(),
  GEMINI_BASE_URL: optionalUrl,
  TWILIO_API_BASE_URL: optionalUrl,
  TWILIO_RECHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(7 * 24 * 3600_000)
    .default(6 * 3600_000),
  META_GRAPH_BASE_URL: optionalUrl,
  WHATSAPP_MEDIA_PUBLIC_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  WHATSAPP_MEDIA_PORT_MIN: z.coerce.number().int().min(1024).max(65_535).optional(),
  WHATSAPP_MEDIA_PORT_MAX: z.coerce.number().int().min(1024).max(65_535).optional(),
  WHATSAPP_TURN_URL: z
    .string()
    .regex(/^turns?:/, 'must be a turn: or turns: URL')
    .optional(),
  WHATSAPP_TURN_USERNAME: z.string().optional(),
  WHATSAPP_TURN_CREDENTIAL: z.string().optional(),
  WHATSAPP_TURN_ONLY: flag.default(false),
  LOCAL_STT_BASE_URL: optionalUrl,
  LOCAL_STT_API_KEY: z.string().optional(),
  LOCAL_STT_MODEL: z.string().trim().min(1).default('whisper-1'),
  LOCAL_STT_PHONE_MODE: z.enum(['grammar', 'general']).default('grammar'),
  LOCAL_STT_WORKERS: z.coerce.number().int().min(1).max(32).optional(),
  LOCAL_VOICE_WARM_START: flag.default(true),
  LOCAL_TTS_BASE_URL: optionalUrl,
  LOCAL_TTS_API_KEY: z.string().optional(),
  LOCAL_TTS_MODEL: z.string().trim().min(1).default('tts-1'),
  LOCAL_TTS_VOICES: z.string().default('alloy,echo,fable,onyx,nova,shimmer'),
  LOCAL_LLM_BASE_URL: optionalUrl,
  LOCAL_LLM_API_KEY: z.string().optional(),
  LOCAL_LLM_MODEL: z.string().trim().min(1).optional(),
  POCKETSPHINX_MODEL_DIR: z.string().default('/usr/share/pocketsphinx/model/en-us'),
  FLITE_BIN: z.string().default('flite'),
  KNOWLEDGE_WORKER_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  KNOWLEDGE_WORKER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  KNOWLEDGE_MAX_TEXT_CHARS: z.coerce.number().int().min(1000).default(10_000_000),
  WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
  WEBHOOK_RETRY_INTERVALS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be comma-separated milliseconds')
    .default('30000,120000,600000,3600000,10800000,21600000,43200000'),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(20),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** An OpenAI-compatible endpoint that replaces one built-in part of the local voice engine. */
export type CompatibleEndpoint = { baseUrl: string; apiKey: string | undefined; model: string };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  /** Outgoing mail (invitations); without it invitation links are handed to the inviting admin. */
  mail: { smtpUrl: string; from: string } | undefined;
  trustProxy: boolean;
  encryptionKey: string | undefined;
  logLevel: string;
  seedDemo: boolean;
  demoPassword: string | undefined;
  sessionTtlMs: number;
  shutdownGraceMs: number;
  /** Names this node in `calls.node_id`; each node of a cluster needs its own (default: host name). */
  nodeId: string;
  /** A call whose node sent no heartbeat for this long is closed as failed by the other nodes. */
  callStaleAfterMs: number;
  providers: {
    openai: { apiKey: string | undefined; baseUrl: string | undefined };
    gemini: { apiKey: string | undefined; baseUrl: string | undefined };
    twilioApiBaseUrl: string | undefined;
    metaGraphBaseUrl: string | undefined;
  };
  /** How often active Twilio integration accounts are verified against Twilio again. */
  twilioRecheckIntervalMs: number;
  /** Where WhatsApp calls' WebRTC media reaches this server (see README, "Connect WhatsApp"). */
  whatsappMedia: WhatsAppMediaConfig;
  /** The local voice engine's parts; an endpoint set here replaces the built-in part. */
  localVoice: {
    stt: CompatibleEndpoint | undefined;
    tts: (CompatibleEndpoint & { voices: string[] }) | undefined;
    llm: CompatibleEndpoint | undefined;
    phoneRecognition: 'grammar' | 'general';
    sttWorkers: number;
    /** Start the engine's parts at boot, so the first local call connects as fast as later ones. */
    warmStart: boolean;
    pocketsphinxModelDir: string;
    fliteBinary: string;
  };
  /** Limits of the worker thread that extracts and chunks knowledge documents. */
  knowledge: { workerMemoryMb: number; workerTimeoutMs: number; maxTextChars: number };
  webhooks: WebhookConfig;
  /** Bearer token that /metrics asks for; without one /metrics does not exist (404). */
  metricsToken: string | undefined;
};

export type WhatsAppMediaConfig = {
  /** The address callers' media is sent to, when the host only knows a private one (1:1 NAT). */
  publicIp: string | undefined;
  /** UDP ports ICE may use, for a firewall that opens a range. */
  portRange: { min: number; max: number } | undefined;
  turn: { url: string; username: string | undefined; credential: string | undefined } | undefined;
  /** Relay every call through the TURN server (hosts without inbound UDP). */
  turnOnly: boolean;
};

/** Outbound event webhooks: who may be called, and how failures are retried. */
export type WebhookConfig = {
  /** Plain http and private, loopback and link-local addresses: self-hosted receivers and tests only. */
  allowPrivateUrls: boolean;
  /** Wait before each retry; a delivery gets one attempt more than there are intervals. */
  retryIntervalsMs: number[];
  /** Failed attempts in a row after which an endpoint is disabled. */
  disableAfterFailures: number;
  timeoutMs: number;
  /** How often each node looks for due deliveries (new events on this node go out at once). */
  pollMs: number;
};

export class ConfigError extends Error {}

/** Reads configuration from environment variables; every one is optional. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.PUBLIC_URL?.startsWith('https://') && !e.TRUST_PROXY) {
    // Buzzi serves plain HTTP, so an https address means a TLS proxy in front; without trusting
    // its X-Forwarded-Proto every request looks insecure and no Secure session cookie is ever set.
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: an https:// address needs TRUST_PROXY=true and a proxy that sends X-Forwarded-Proto',
    );
  }
  const ports = [e.WHATSAPP_MEDIA_PORT_MIN, e.WHATSAPP_MEDIA_PORT_MAX];
  if ((ports[0] === undefined) !== (ports[1] === undefined) || (ports[0] ?? 0) > (ports[1] ?? 0)) {
    throw new ConfigError(
      'Invalid configuration:\n  WHATSAPP_MEDIA_PORT_MIN, WHATSAPP_MEDIA_PORT_MAX: set both, the first not above the second',
    );
  }
  if (e.WHATSAPP_TURN_ONLY && !e.WHATSAPP_TURN_URL) {
    throw new ConfigError('Invalid configuration:\n  WHATSAPP_TURN_ONLY: needs WHATSAPP_TURN_URL');
  }
  if (e.SMTP_URL && !e.PUBLIC_URL) {
    // A link built from the request's Host header could point a mailed token at any site.
    throw new ConfigError(
      'Invalid configuration:\n  SMTP_URL: needs PUBLIC_URL, the address invitation links in mail point to',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.BUZZI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    trustProxy: e.TRUST_PROXY,
    encryptionKey: e.ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.BUZZI_SEED_DEMO,
    demoPassword: e.BUZZI_DEMO_PASSWORD,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    nodeId: e.NODE_ID ?? hostname().slice(0, 64),
    callStaleAfterMs: e.CALL_STALE_AFTER_MS,
    providers: {
      openai: { apiKey: e.OPENAI_API_KEY || undefined, baseUrl: e.OPENAI_BASE_URL },
      gemini: { apiKey: e.GEMINI_API_KEY || undefined, baseUrl: e.GEMINI_BASE_URL },
      twilioApiBaseUrl: e.TWILIO_API_BASE_URL,
      metaGraphBaseUrl: e.META_GRAPH_BASE_URL,
    },
    twilioRecheckIntervalMs: e.TWILIO_RECHECK_INTERVAL_MS,
    whatsappMedia: {
      publicIp: e.WHATSAPP_MEDIA_PUBLIC_IP,
      portRange:
        e.WHATSAPP_MEDIA_PORT_MIN !== undefined && e.WHATSAPP_MEDIA_PORT_MAX !== undefined
          ? { min: e.WHATSAPP_MEDIA_PORT_MIN, max: e.WHATSAPP_MEDIA_PORT_MAX }
          : undefined,
      turn: e.WHATSAPP_TURN_URL
        ? {
            url: e.WHATSAPP_TURN_URL,
            username: e.WHATSAPP_TURN_USERNAME,
            credential: e.WHATSAPP_TURN_CREDENTIAL,
          }
        : undefined,
      turnOnly: e.WHATSAPP_TURN_ONLY,
    },
    localVoice: {
      stt: endpoint(e.LOCAL_STT_BASE_URL, e.LOCAL_STT_API_KEY, e.LOCAL_STT_MODEL),
      tts: withVoices(
        endpoint(e.LOCAL_TTS_BASE_URL, e.LOCAL_TTS_API_KEY, e.LOCAL_TTS_MODEL),
        e.LOCAL_TTS_VOICES,
      ),
      llm: endpoint(e.LOCAL_LLM_BASE_URL, e.LOCAL_LLM_API_KEY, e.LOCAL_LLM_MODEL ?? 'local-model'),
      phoneRecognition: e.LOCAL_STT_PHONE_MODE,
      sttWorkers: e.LOCAL_STT_WORKERS ?? Math.max(1, Math.min(2, availableParallelism())),
      warmStart: e.LOCAL_VOICE_WARM_START,
      pocketsphinxModelDir: e.POCKETSPHINX_MODEL_DIR,
      fliteBinary: e.FLITE_BIN,
    },
    knowledge: {
      workerMemoryMb: e.KNOWLEDGE_WORKER_MEMORY_MB,
      workerTimeoutMs: e.KNOWLEDGE_WORKER_TIMEOUT_MS,
      maxTextChars: e.KNOWLEDGE_MAX_TEXT_CHARS,
    },
    webhooks: {
      allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
      retryIntervalsMs: e.WEBHOOK_RETRY_INTERVALS_MS.split(',').map(Number),
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      pollMs: e.WEBHOOK_POLL_MS,
    },
    metricsToken: e.METRICS_TOKEN || undefined,
  };
}

function endpoint(
  baseUrl: string | undefined,
  apiKey: string | undefined,
  model: string,
): CompatibleEndpoint | undefined {
  return baseUrl
    ? { baseUrl: baseUrl.replace(/\/$/, ''), apiKey: apiKey || undefined, model }
    : undefined;
}

function withVoices(
  compatible: CompatibleEndpoint | undefined,
  voices: string,
): (CompatibleEndpoint & { voices: string[] }) | undefined {
  if (!compatible) return undefined;
  const list = voices
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return { ...compatible, voices: list.length > 0 ? list : ['alloy'] };
}
