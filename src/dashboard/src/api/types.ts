import type { AgentDefinition, ChatbotSettings } from '../../../shared/chatbot-settings';
import type {
  AccountType,
  AiProvider,
  CallDirection,
  CallSource,
  CallStatus,
  ChannelType,
  ChatbotType,
  CompanyRole,
  ModelType,
} from '../../../shared/domain';
import type { ConversationStatus, MessageRole, WidgetMessage } from './widget-chat';

// Response shapes from docs/API.md.

export type Features = { callEnabled: boolean };

export type Membership = {
  companyId: string;
  companyName: string;
  companySlug: string;
  role: CompanyRole;
  features: Features;
};

export type ActiveCompany = {
  id: string;
  name: string;
  slug: string;
  role: CompanyRole;
  features: Features;
};

export type Me = {
  user: {
    id: string;
    email: string;
    name: string;
    avatarUrl: string | null;
    isMasterAdmin: boolean;
  };
  memberships: Membership[];
  activeCompany: ActiveCompany | null;
};

export type Invite = { email: string; companyName: string; role: CompanyRole };

export type Company = {
  id: string;
  name: string;
  slug: string;
  isActive: boolean;
  settings: { features: Features; limits: { maxConcurrentCalls: number } };
  memberCount: number;
  chatbotCount: number;
  createdAt: string;
};

export type AiModel = {
  id: string;
  provider: AiProvider | (string & {});
  modelId: string;
  displayName: string;
  modelType: ModelType;
  isActive: boolean;
  createdAt: string;
};

export type PackageLimits = {
  monthlyMessages?: number | null;
  monthlyCallMinutes?: number | null;
  maxConcurrentCalls?: number | null;
};

// Not spelled out in docs/API.md: the shape follows the POST body.
export type ChatbotPackage = {
  id: string;
  name: string;
  description: string | null;
  chatbotType: ChatbotType;
  limits: PackageLimits | null;
  isActive: boolean;
  createdAt: string;
};

export type Chatbot = {
  id: string;
  publicId: string;
  name: string;
  description: string;
  chatbotType: ChatbotType;
  packageId: string | null;
  chatModelId: string | null;
  instructions: string;
  isActive: boolean;
  settings: ChatbotSettings;
  agentsList: AgentDefinition[];
  createdAt: string;
  updatedAt: string;
};

export type MemberStatus = 'active' | 'invited';

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: CompanyRole;
  status: MemberStatus;
  joinedAt: string | null;
};

export type Call = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  source: CallSource;
  direction: CallDirection;
  /** The caller's number (E.164) or WhatsApp id; null for web calls. */
  callerId: string | null;
  callerName: string | null;
  twilioCallSid: string | null;
  /** Why an outbound call was placed. */
  outboundReason: string | null;
  /** The number (E.164) a phone call was handed to. */
  transferredTo: string | null;
  status: CallStatus;
  endReason: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  /** Filled in by the post-call analysis shortly after the call ends. */
  summary: string | null;
  intent: string | null;
  isUrgent: boolean;
  /** Whether the agent answered what the caller asked; null before analysis or when nothing was asked. */
  answered: boolean | null;
  /** Judged by a chat model only. */
  resolved: boolean | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  isHandled: boolean;
  handledAt: string | null;
  /** Not handled, and urgent, escalated or a message was left. */
  needsAttention: boolean;
  escalated: boolean;
  messageLeft: boolean;
  rating: number | null;
  hasRecording: boolean;
  assignedTo: { id: string; name: string } | null;
  /** The routing rule that chose how the call was answered. */
  routingRule: { id: string; name: string } | null;
};

export type CallSpeaker = 'caller' | 'agent' | 'human_agent';

export type CallTranscriptLine = {
  seq: number;
  speaker: CallSpeaker;
  /** The person's name on a human_agent line (live lines carry it beside the line). */
  speakerName?: string | null;
  text: string;
  startMs: number;
  endMs: number;
  /** The caller spoke over the agent, so the agent's line was cut short. */
  interrupted: boolean;
};

export type CallDetails = Call & {
  transcript: CallTranscriptLine[];
  usage: Record<string, number>;
  costEstimate: { currency: 'USD'; amount: number } | null;
  notes: string | null;
  conversationId: string | null;
  tickets: Array<{ id: string; message: string; status: 'open' | 'closed'; createdAt: string }>;
  /** Earlier calls from the same number, newest first. */
  callerHistory: Array<{
    id: string;
    startedAt: string;
    status: CallStatus;
    summary: string | null;
    durationMs: number | null;
  }>;
  recordingUrl: string | null;
};

/** `change` is relative to the previous period (0.25 = +25 %), null when that was 0. */
export type CallStat = { value: number; change: number | null };

export type CallStats = {
  total: CallStat;
  today: CallStat;
  needsAttention: CallStat;
  avgDurationMs: CallStat;
};

export type Voice = { id: string; label: string };

export type ModelVoices = {
  voices: Voice[];
  /** What speaks: `flite`, `openai-compatible`, `openai-realtime`, `gemini-live`. */
  engine: string;
  canPreview: boolean;
  /** Why there are no previews. */
  reason?: string;
};

export type LocalVoicePart = { engine: string; ready: boolean; reason?: string };

export type LocalVoiceHealth = {
  status: 'ok' | 'unavailable';
  message: string;
  /** Installs only the missing packages. */
  installCommand: string | null;
  parts: Record<'vad' | 'stt' | 'tts', LocalVoicePart>;
};

export type Health = {
  status: 'ok' | 'error';
  database: 'pglite' | 'postgres';
  redis: 'off' | 'ok' | 'error';
  localVoice: LocalVoiceHealth;
};

export type IntegrationAccountStatus = 'pending' | 'active' | 'inactive';

export type IntegrationAccount = {
  id: string;
  accountType: AccountType;
  name: string;
  description: string | null;
  chatbotId: string | null;
  chatbotName: string | null;
  /** `phoneNumber` is stored E.164; the others are a WhatsApp account's. */
  config: {
    phoneNumber?: string;
    businessAccountId?: string;
    phoneNumberId?: string;
    verifyToken?: string;
  };
  /**
   * Never a secret itself: its last four characters at most, as `…a1b2`
   * (a Twilio account's auth token, a WhatsApp account's access token).
   */
  credentials: {
    accountSid?: string | null;
    authTokenHint?: string | null;
    accessTokenHint?: string | null;
  };
  status: IntegrationAccountStatus;
  lastVerifiedAt: string | null;
  lastError: string | null;
  /**
   * Where the provider has to send its requests, built from the server's
   * public URL: Twilio's three, or WhatsApp's call webhook (`callUrl`).
   */
  webhooks: {
    voiceUrl?: string;
    statusCallbackUrl?: string;
    mediaStreamUrl?: string;
    callUrl?: string;
  };
  createdAt: string;
  updatedAt: string;
};

export type IntegrationTestStepKey =
  | 'connect'
  | 'account'
  | 'token'
  | 'number'
  | 'voiceUrl'
  | 'calling';

export type IntegrationTestStep = {
  key: IntegrationTestStepKey;
  label: string;
  /** A failed step makes the later ones `skipped`. */
  status: 'passed' | 'failed' | 'skipped' | 'warning';
  detail: string | null;
};

export type IntegrationTestResult = {
  ok: boolean;
  steps: IntegrationTestStep[];
  /** The number's voice URL as Twilio has it, and the one Buzzi needs. */
  voiceUrl: { current: string | null; expected: string } | null;
};

export type KnowledgeCategory = {
  id: string;
  name: string;
  description: string;
  documentCount: number;
  createdAt: string;
};

export type KnowledgeDocumentStatus = 'processing' | 'ready' | 'failed';

export type KnowledgeDocument = {
  id: string;
  categoryId: string;
  title: string;
  sourceType: 'text' | 'file';
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number;
  status: KnowledgeDocumentStatus;
  /** 0–100 while processing. */
  progress: number;
  error: string | null;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
};

export type KnowledgeSearchResult = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string | null;
  content: string;
  score: number;
  textRank: number;
};

export type KnowledgeSearchResponse = {
  results: KnowledgeSearchResult[];
  mode: 'fulltext' | 'hybrid';
};

export type InboxConversation = {
  id: string;
  chatbotId: string | null;
  chatbotName: string | null;
  channel: ChannelType;
  status: ConversationStatus;
  assignedUser: { id: string; name: string } | null;
  lastMessage: { role: MessageRole; content: string; createdAt: string } | null;
  escalationReason: string | null;
  /** A voice call's conversation: the call, and whether it is still live. */
  call: { id: string; live: boolean } | null;
  updatedAt: string;
};

/** The widget's message shape, as the Inbox reads it. */
export type InboxMessage = WidgetMessage;
