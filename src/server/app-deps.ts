import type { Logger } from 'pino';
import type { EmbeddingProvider } from './ai/embeddings.js';
import type { Guards } from './auth/guards.js';
import type { EventBus } from './bus/event-bus.js';
import type { ChatAgent } from './chat/agent-types.js';
import type { Config } from './config.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Database, DatabaseKind } from './db/client.js';
import type { IntegrationAccountMonitor } from './integration-accounts/account-monitor.js';
import type { KnowledgeRetriever } from './knowledge/retrieval.js';
import type { Mailer } from './mail/mailer.js';
import type { RecordingLinks } from './recordings/recording-links.js';
import type { RecordingStore } from './recordings/recording-store.js';
import type { CallSessionManager } from './voice/calls/session-manager.js';
import type { VoiceCatalog } from './voice/calls/voice-catalog.js';
import type { CallOffersService } from './voice/handoff/call-offers-service.js';
import type { LocalVoiceEngine } from './voice/providers/local/engine.js';
import type { WebhookOutbox } from './webhooks/webhook-outbox.js';
import type { WebhookSender } from './webhooks/webhook-sender.js';

/** What route modules get: built once in app.ts, never read from the environment. */
export type AppDeps = {
  config: Config;
  db: Database;
  databaseKind: DatabaseKind;
  bus: EventBus;
  secretBox: SecretBox;
  guards: Guards;
  logger: Logger;
  secureCookies: boolean;
  /** Set when SMTP_URL is; without it invitation links go to the inviting admin. */
  mailer: Mailer | undefined;
  /** Set when OPENAI_API_KEY or GEMINI_API_KEY can embed; retrieval is full-text only without it. */
  embeddings: EmbeddingProvider | undefined;
  retriever: KnowledgeRetriever;
  chatAgent: ChatAgent;
  /** Live voice calls of this node: session tokens, concurrency, control, drain. */
  calls: CallSessionManager;
  /** Presence and ringing: who can take a call, and the offers of calls waiting for a person. */
  callOffers: CallOffersService;
  /** The offline voice engine: its status for health, its synthesizer for voice previews. */
  localVoice: LocalVoiceEngine;
  /** Voices of each call model and, where one can be synthesized here, its previews. */
  voices: VoiceCatalog;
  /** Call recordings: where they are stored, and the signed links that serve them. */
  recordings: RecordingStore;
  recordingLinks: RecordingLinks;
  /** Re-verifies integration accounts: periodically, and on webhooks with bad signatures (`reportBadSignature`). */
  integrations: IntegrationAccountMonitor;
  /** The company's webhook events: enqueued where they happen (tickets made by staff, calls). */
  webhooks: WebhookOutbox;
  /** Sends the company's webhook deliveries; its `sendTest` backs "Send test event". */
  webhookSender: WebhookSender;
};
