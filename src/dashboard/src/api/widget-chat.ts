// The public widget chat protocol (docs/API.md, "Widget chat") in plain TypeScript,
// with no React and no dashboard session, so the embeddable widget can reuse it.
import type { WidgetSettings } from '../../../shared/chatbot-settings';
import { apiErrorFrom, networkError } from './client';
import { type EventStream, openEventStream, type StreamState } from './event-stream';

export type Responder = 'openai' | 'gemini' | 'offline';
export type ConversationStatus = 'bot' | 'waiting_human' | 'human' | 'closed';
export type MessageRole = 'user' | 'assistant' | 'agent' | 'system';
export type MessageSource = { documentId: string; documentTitle: string; chunkId?: string };

export type WidgetMessage = {
  id: string;
  role: MessageRole;
  content: string;
  authorName: string | null;
  createdAt: string;
  metadata: { responder?: Responder; sources?: MessageSource[] };
};

export type WidgetConfig = {
  chatbot: { publicId: string; name: string; chatbotType: 'chat' | 'call' };
  widget: WidgetSettings;
  offline: boolean;
};

type Session = { conversationId: string; token: string };

/** The HTTP half of the protocol; `baseUrl` is '' on the same origin. */
export class WidgetApi {
  constructor(private readonly baseUrl = '') {}

  getConfig(publicId: string, signal?: AbortSignal) {
    return this.call<WidgetConfig>('GET', `/api/widget/${encodeURIComponent(publicId)}/config`, {
      signal,
    });
  }

  startConversation(publicId: string, visitorId?: string) {
    return this.call<Session>('POST', `/api/widget/${encodeURIComponent(publicId)}/conversations`, {
      body: visitorId ? { visitorId } : {},
    });
  }

  listMessages({ conversationId, token }: Session) {
    return this.call<{ messages: WidgetMessage[]; status: ConversationStatus }>(
      'GET',
      `/api/widget/conversations/${conversationId}/messages`,
      { token },
    );
  }

  sendMessage({ conversationId, token }: Session, content: string) {
    return this.call<{ message: WidgetMessage }>(
      'POST',
      `/api/widget/conversations/${conversationId}/messages`,
      { token, body: { content } },
    );
  }

  /** EventSource cannot send headers, so the token travels in the query. */
  eventsUrl({ conversationId, token }: Session): string {
    return `${this.baseUrl}/api/widget/conversations/${conversationId}/events?token=${encodeURIComponent(token)}`;
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; token?: string; signal?: AbortSignal | undefined },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'omit',
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw networkError();
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) throw apiErrorFrom(response.status, data);
    return data as T;
  }
}

export type WidgetChatState = {
  conversationId: string | null;
  status: ConversationStatus;
  /** The support agent who took the conversation over. */
  agentName: string | null;
  messages: WidgetMessage[];
  /** The assistant message whose text is still arriving. */
  streamingId: string | null;
  sending: boolean;
  connection: StreamState | 'idle';
  error: string | null;
};

const initialState = (): WidgetChatState => ({
  conversationId: null,
  status: 'bot',
  agentName: null,
  messages: [],
  streamingId: null,
  sending: false,
  connection: 'idle',
  error: null,
});

// Sending before the stream is open would lose the first events of the reply.
const STREAM_OPEN_WAIT_MS = 5000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isMessage = (value: unknown): value is WidgetMessage =>
  isObject(value) && typeof value.id === 'string' && typeof value.role === 'string';

/**
 * One visitor's conversation with a chatbot: starts it on the first message, follows
 * its event stream and keeps the message list, including the reply as it streams.
 */
export class WidgetChat {
  private state = initialState();
  private readonly listeners = new Set<() => void>();
  private session: Session | null = null;
  private stream: EventStream | null = null;
  private streamOpened: Promise<void> | null = null;

  constructor(
    private readonly publicId: string,
    private readonly api = new WidgetApi(),
    private readonly visitorId?: string,
  ) {}

  getState = (): WidgetChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async send(content: string): Promise<boolean> {
    const text = content.trim();
    if (!text || this.state.sending) return false;
    this.update({ sending: true, error: null });
    try {
      const session = await this.ensureSession();
      const { message } = await this.api.sendMessage(session, text);
      this.upsert(message);
      return true;
    } catch (error) {
      this.update({ error: errorText(error) });
      return false;
    } finally {
      this.update({ sending: false });
    }
  }

  /** Forgets the conversation; the next message starts a new one. */
  reset(): void {
    this.close();
    this.state = initialState();
    this.emit();
  }

  close(): void {
    this.stream?.close();
    this.stream = null;
    this.streamOpened = null;
    this.session = null;
  }

  private async ensureSession(): Promise<Session> {
    if (!this.session) {
      const session = await this.api.startConversation(this.publicId, this.visitorId);
      this.session = session;
      this.update({ conversationId: session.conversationId });
      this.openStream(session);
    }
    await this.streamOpened;
    return this.session;
  }

  private openStream(session: Session): void {
    let opened: () => void = () => {};
    this.streamOpened = Promise.race([
      new Promise<void>((resolve) => {
        opened = resolve;
      }),
      new Promise<void>((resolve) => setTimeout(resolve, STREAM_OPEN_WAIT_MS)),
    ]);
    this.stream = openEventStream({
      url: this.api.eventsUrl(session),
      onStateChange: (connection) => this.update({ connection }),
      onOpen: (reconnected) => {
        opened();
        if (reconnected) void this.resync(session);
      },
      handlers: {
        'message.created': (data) => isMessage(data) && this.upsert(data),
        'message.delta': (data) => this.appendDelta(data),
        'message.completed': (data) => {
          if (!isMessage(data)) return;
          this.upsert(data);
          if (this.state.streamingId === data.id) this.update({ streamingId: null });
        },
        'conversation.status': (data) => {
          if (!isObject(data) || typeof data.status !== 'string') return;
          this.update({
            status: data.status as ConversationStatus,
            agentName: typeof data.agentName === 'string' ? data.agentName : null,
          });
        },
        error: (data) => {
          const message = isObject(data) && typeof data.message === 'string' ? data.message : null;
          this.update({ error: message ?? 'The chatbot could not answer.', streamingId: null });
        },
      },
    });
  }

  /** After a reconnect, the server's list replaces ours: events may have been missed. */
  private async resync(session: Session): Promise<void> {
    try {
      const { messages, status } = await this.api.listMessages(session);
      if (this.session !== session) return;
      this.update({ messages, status, streamingId: null });
    } catch {
      // The next reconnect tries again.
    }
  }

  private upsert(message: WidgetMessage): void {
    const index = this.state.messages.findIndex((m) => m.id === message.id);
    const messages =
      index === -1
        ? [...this.state.messages, message]
        : this.state.messages.map((m, i) => (i === index ? message : m));
    const startsStream = index === -1 && message.role === 'assistant' && message.content === '';
    this.update({ messages, ...(startsStream ? { streamingId: message.id } : {}) });
  }

  private appendDelta(data: unknown): void {
    if (!isObject(data) || typeof data.messageId !== 'string' || typeof data.delta !== 'string') {
      return;
    }
    const { messageId, delta } = data;
    const known = this.state.messages.some((m) => m.id === messageId);
    const messages = known
      ? this.state.messages.map((m) =>
          m.id === messageId ? { ...m, content: m.content + delta } : m,
        )
      : [
          ...this.state.messages,
          {
            id: messageId,
            role: 'assistant' as const,
            content: delta,
            authorName: null,
            createdAt: new Date().toISOString(),
            metadata: {},
          },
        ];
    this.update({ messages, streamingId: messageId });
  }

  private update(patch: Partial<WidgetChatState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error && error.message
    ? error.message
    : 'Something went wrong. Please try again.';
}
