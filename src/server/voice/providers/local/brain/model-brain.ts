import type { Logger } from 'pino';
import type {
  ChatModel,
  ChatModelMessage,
  ChatModelToolCall,
} from '../../../../chat/chat-model.js';
import { systemPromptFor } from '../../../../chat/prompt.js';
import type { ToolDefinition } from '../../agent-session.js';
import type { BrainOutput, KnowledgeSearch, VoiceBrain } from '../parts.js';

// Rounds in which the model may call tools; the round after must answer in text.
const MAX_TOOL_ROUNDS = 4;
// The history a spoken conversation needs; older turns only slow a small local model down.
const MAX_HISTORY_MESSAGES = 40;

export const MODEL_FAILED_ANSWER =
  "I'm sorry, I'm having trouble answering right now. Would you like me to connect you with a person?";

/**
 * The agent as a chat model: the same ChatModel providers and knowledge
 * prompt as the chat agent, with the call's tools run by the call runner.
 * Passages for the caller's words go into the prompt up front, because small
 * local models rarely search on their own.
 */
export class ModelBrain implements VoiceBrain {
  readonly label: string;
  readonly #history: ChatModelMessage[] = [];
  #replying = false;
  #correction: string | null = null;

  constructor(
    private readonly options: {
      model: ChatModel;
      instructions: string;
      tools: ToolDefinition[];
      search: KnowledgeSearch;
      logger: Logger;
      callId: string;
    },
  ) {
    this.label = `${options.model.provider}:${options.model.model}`;
  }

  async reply(callerText: string, output: BrainOutput, signal: AbortSignal): Promise<void> {
    this.#replying = true;
    try {
      await this.#reply(callerText, output, signal);
    } finally {
      this.#replying = false;
      if (this.#correction !== null) this.#applyCorrection(this.#correction);
      this.#correction = null;
    }
  }

  async #reply(callerText: string, output: BrainOutput, signal: AbortSignal): Promise<void> {
    this.#push({ role: 'user', content: callerText });
    const passages = this.options.search ? await this.options.search(callerText) : [];
    const systemPrompt = systemPromptFor(this.options.instructions, passages);
    try {
      for (let round = 0; round <= MAX_TOOL_ROUNDS && !signal.aborted; round++) {
        const { text, calls } = await this.#round(
          systemPrompt,
          round < MAX_TOOL_ROUNDS,
          output,
          signal,
        );
        if (calls.length === 0) {
          if (text) this.#push({ role: 'assistant', content: text });
          return;
        }
        this.#push({ role: 'assistant', content: text, toolCalls: calls });
        for (const call of calls) {
          const result = await output.toolCall(call.name, call.arguments);
          this.#push({ role: 'tool', toolCallId: call.id, name: call.name, content: result });
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      this.options.logger.warn(
        { model: this.label, err: { name: (error as Error).name } },
        'local engine chat model failed',
      );
      output.text(MODEL_FAILED_ANSWER);
    }
  }

  remember(agentText: string): void {
    this.#push({ role: 'assistant', content: agentText });
  }

  correctLastAnswer(heardText: string): void {
    // An answer cut while still being written is corrected once reply() has unwound.
    if (this.#replying) this.#correction = heardText;
    else this.#applyCorrection(heardText);
  }

  #applyCorrection(heardText: string): void {
    const last = this.#history.at(-1);
    if (last?.role !== 'assistant' || last.toolCalls) {
      if (heardText) this.#push({ role: 'assistant', content: `${heardText} …` });
      return;
    }
    if (heardText) last.content = `${heardText} …`;
    else this.#history.pop();
  }

  async #round(
    systemPrompt: string,
    toolsAllowed: boolean,
    output: BrainOutput,
    signal: AbortSignal,
  ): Promise<{ text: string; calls: ChatModelToolCall[] }> {
    let text = '';
    const calls: ChatModelToolCall[] = [];
    const events = this.options.model.stream({
      systemPrompt,
      messages: this.#history,
      tools: this.options.tools,
      toolChoice: toolsAllowed ? 'auto' : 'none',
      signal,
    });
    for await (const event of events) {
      if (event.type === 'text') {
        text += event.delta;
        output.text(event.delta);
      } else if (event.type === 'tool_call') {
        const { type: _type, ...call } = event;
        if (toolsAllowed) calls.push(call);
      } else if (event.usage) {
        output.usage(event.usage);
      }
    }
    return { text, calls };
  }

  #push(message: ChatModelMessage): void {
    this.#history.push(message);
    // Never start the kept history with a tool result whose call was dropped.
    while (this.#history.length > MAX_HISTORY_MESSAGES || this.#history[0]?.role === 'tool') {
      this.#history.shift();
    }
  }
}
