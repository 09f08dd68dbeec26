import type { FakeRequest, FakeRoutes } from './fake-http-server.js';
import { type GeminiChatScript, geminiChatRoutes } from './gemini-chat.js';
import { type OpenAIChatScript, openaiChatRoutes } from './openai-chat.js';

/** A provider-neutral turn for contract tests; each harness turns it into its wire script. */
export type ScriptedTurn =
  | { say: string[]; pauseAfterFirst?: Promise<unknown> }
  | { call: string; args: Record<string, unknown> }
  | { fail: number; message: string };

/**
 * One chat provider's fake plus how to read what our code sent it, so a
 * contract suite can run unchanged against every provider (describe.each).
 */
export type ChatProviderHarness = {
  provider: 'openai' | 'gemini';
  label: string;
  /** A seeded chat model of this provider. */
  modelId: string;
  routes: FakeRoutes;
  /** Environment that points the app at the fake server. */
  env(fakeUrl: string): Record<string, string>;
  /** Replaces whatever is left of the script. */
  queue(...turns: ScriptedTurn[]): void;
  isChatRequest(request: FakeRequest): boolean;
  systemPromptOf(request: FakeRequest): string;
  /** The text of user and assistant messages, in order, as `role: text`. */
  transcriptOf(request: FakeRequest): string[];
  /** The tool results sent back to the model. */
  toolResultsOf(request: FakeRequest): string[];
  /** Whether the request let the model call tools. */
  toolsAllowedIn(request: FakeRequest): boolean;
  toolNamesIn(request: FakeRequest): string[];
};

type OpenAIBody = {
  messages: Array<{ role: string; content: string | null; tool_calls?: unknown[] }>;
  tools?: Array<{ function: { name: string } }>;
  tool_choice?: string;
};

function openaiHarness(): ChatProviderHarness {
  const script: OpenAIChatScript = [];
  const body = (r: FakeRequest) => r.body as OpenAIBody;
  return {
    provider: 'openai',
    label: 'OpenAI',
    modelId: 'gpt-5-mini',
    routes: openaiChatRoutes(script),
    env: (url) => ({
      OPENAI_API_KEY: 'sk-test-openai-key-0123456789',
      OPENAI_BASE_URL: `${url}/v1`,
    }),
    queue(...turns) {
      script.splice(
        0,
        script.length,
        ...turns.map((turn) => {
          if ('say' in turn) {
            return {
              text: turn.say,
              ...(turn.pauseAfterFirst ? { pauseAfterFirst: turn.pauseAfterFirst } : {}),
            };
          }
          if ('call' in turn) return { toolCalls: [{ name: turn.call, arguments: turn.args }] };
          return { error: { status: turn.fail, message: turn.message } };
        }),
      );
    },
    isChatRequest: (r) => r.path === '/v1/chat/completions',
    systemPromptOf: (r) => String(body(r).messages.find((m) => m.role === 'system')?.content),
    transcriptOf: (r) =>
      body(r)
        .messages.filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content)
        .map((m) => `${m.role}: ${m.content}`),
    toolResultsOf: (r) =>
      body(r)
        .messages.filter((m) => m.role === 'tool')
        .map((m) => String(m.content)),
    toolsAllowedIn: (r) => (body(r).tools?.length ?? 0) > 0 && body(r).tool_choice !== 'none',
    toolNamesIn: (r) => (body(r).tools ?? []).map((t) => t.function.name),
  };
}

type GeminiPart = {
  text?: string;
  functionResponse?: { response?: { result?: unknown } };
};
type GeminiBody = {
  contents: Array<{ role: string; parts: GeminiPart[] }>;
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: Array<{ name: string }> }>;
  toolConfig?: { functionCallingConfig?: { mode?: string } };
};

function geminiHarness(): ChatProviderHarness {
  const script: GeminiChatScript = [];
  const body = (r: FakeRequest) => r.body as GeminiBody;
  return {
    provider: 'gemini',
    label: 'Gemini',
    modelId: 'gemini-3-flash-preview',
    routes: geminiChatRoutes(script),
    env: (url) => ({ GEMINI_API_KEY: 'AIzaSy-test-gemini-key-0123456789', GEMINI_BASE_URL: url }),
    queue(...turns) {
      script.splice(
        0,
        script.length,
        ...turns.map((turn) => {
          if ('say' in turn) {
            return {
              text: turn.say,
              ...(turn.pauseAfterFirst ? { pauseAfterFirst: turn.pauseAfterFirst } : {}),
            };
          }
          if ('call' in turn) return { functionCalls: [{ name: turn.call, args: turn.args }] };
          return { error: { status: turn.fail, message: turn.message } };
        }),
      );
    },
    isChatRequest: (r) => r.path.endsWith(':streamGenerateContent'),
    systemPromptOf: (r) =>
      body(r)
        .systemInstruction?.parts.map((p) => p.text)
        .join('') ?? '',
    transcriptOf: (r) =>
      body(r).contents.flatMap((c) =>
        c.parts
          .filter((p) => p.text)
          .map((p) => `${c.role === 'model' ? 'assistant' : 'user'}: ${p.text}`),
      ),
    toolResultsOf: (r) =>
      body(r).contents.flatMap((c) =>
        c.parts
          .filter((p) => p.functionResponse)
          .map((p) => String(p.functionResponse?.response?.result)),
      ),
    toolsAllowedIn: (r) =>
      (body(r).tools?.length ?? 0) > 0 &&
      body(r).toolConfig?.functionCallingConfig?.mode !== 'NONE',
    toolNamesIn: (r) =>
      (body(r).tools ?? []).flatMap((t) => t.functionDeclarations.map((d) => d.name)),
  };
}

/** Fresh harnesses (each with its own script) for every chat provider. */
export function chatProviderHarnesses(): ChatProviderHarness[] {
  return [openaiHarness(), geminiHarness()];
}
