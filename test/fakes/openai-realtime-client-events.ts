import { z } from 'zod';

// Client events of the GA Realtime API as openai-node v6 types them
// (resources/realtime/realtime.d.ts), strict like the real API: an unknown
// field, a missing required one or a value out of range is an
// `invalid_request_error`. Written apart from the product's wire.ts on purpose,
// so a mistake there cannot pass here.

const eventId = { event_id: z.string().optional() };

const audioFormat = z.union([
  z.strictObject({ type: z.literal('audio/pcm'), rate: z.literal(24000).optional() }),
  z.strictObject({ type: z.literal('audio/pcmu') }),
  z.strictObject({ type: z.literal('audio/pcma') }),
]);

const turnDetection = z.union([
  z.strictObject({
    type: z.literal('server_vad'),
    threshold: z.number().min(0).max(1).optional(),
    prefix_padding_ms: z.int().min(0).optional(),
    silence_duration_ms: z.int().min(0).optional(),
    create_response: z.boolean().optional(),
    interrupt_response: z.boolean().optional(),
    idle_timeout_ms: z.int().min(0).nullable().optional(),
  }),
  z.strictObject({
    type: z.literal('semantic_vad'),
    eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
    create_response: z.boolean().optional(),
    interrupt_response: z.boolean().optional(),
  }),
]);

export const GA_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

const audioConfig = z.strictObject({
  input: z
    .strictObject({
      format: audioFormat.optional(),
      noise_reduction: z
        .strictObject({ type: z.enum(['near_field', 'far_field']).optional() })
        .nullable()
        .optional(),
      transcription: z
        .strictObject({
          model: z.string().optional(),
          language: z.string().optional(),
          prompt: z.string().optional(),
          delay: z.enum(['minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
        })
        .nullable()
        .optional(),
      turn_detection: turnDetection.nullable().optional(),
    })
    .optional(),
  output: z
    .strictObject({
      format: audioFormat.optional(),
      voice: z.union([z.enum(GA_VOICES), z.strictObject({ id: z.string() })]).optional(),
      speed: z.number().min(0.25).max(1.5).optional(),
    })
    .optional(),
});

const functionTool = z.strictObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.unknown().optional(),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.strictObject({ type: z.literal('function'), name: z.string() }),
]);

const outputModalities = z.array(z.enum(['text', 'audio'])).max(1);

const session = z.strictObject({
  type: z.literal('realtime'),
  audio: audioConfig.optional(),
  include: z.array(z.literal('item.input_audio_transcription.logprobs')).optional(),
  instructions: z.string().optional(),
  max_output_tokens: z.union([z.int().min(1).max(4096), z.literal('inf')]).optional(),
  model: z.string().optional(),
  output_modalities: outputModalities.optional(),
  parallel_tool_calls: z.boolean().optional(),
  prompt: z.unknown().optional(),
  reasoning: z.unknown().optional(),
  tool_choice: toolChoice.optional(),
  tools: z.array(functionTool).optional(),
  tracing: z.unknown().optional(),
  truncation: z.unknown().optional(),
});

const itemMeta = {
  id: z.string().optional(),
  object: z.literal('realtime.item').optional(),
  status: z.enum(['completed', 'incomplete', 'in_progress']).optional(),
};

const conversationItem = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('message'),
    role: z.enum(['system', 'user', 'assistant']),
    content: z.array(z.record(z.string(), z.unknown())),
    ...itemMeta,
  }),
  z.strictObject({
    type: z.literal('function_call'),
    name: z.string(),
    arguments: z.string(),
    call_id: z.string().optional(),
    ...itemMeta,
  }),
  z.strictObject({
    type: z.literal('function_call_output'),
    call_id: z.string(),
    output: z.string(),
    ...itemMeta,
  }),
]);

const responseParams = z.strictObject({
  audio: z
    .strictObject({
      output: z
        .strictObject({ format: audioFormat.optional(), voice: z.string().optional() })
        .optional(),
    })
    .optional(),
  conversation: z.string().optional(),
  input: z.array(z.unknown()).optional(),
  instructions: z.string().optional(),
  max_output_tokens: z.union([z.int().min(1).max(4096), z.literal('inf')]).optional(),
  metadata: z.record(z.string().max(64), z.string().max(512)).nullable().optional(),
  output_modalities: outputModalities.optional(),
  parallel_tool_calls: z.boolean().optional(),
  prompt: z.unknown().optional(),
  reasoning: z.unknown().optional(),
  tool_choice: toolChoice.optional(),
  tools: z.array(functionTool).optional(),
});

const clientEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('session.update'), session, ...eventId }),
  z.strictObject({ type: z.literal('input_audio_buffer.append'), audio: z.base64(), ...eventId }),
  z.strictObject({ type: z.literal('input_audio_buffer.commit'), ...eventId }),
  z.strictObject({ type: z.literal('input_audio_buffer.clear'), ...eventId }),
  z.strictObject({ type: z.literal('output_audio_buffer.clear'), ...eventId }),
  z.strictObject({
    type: z.literal('conversation.item.create'),
    item: conversationItem,
    previous_item_id: z.string().optional(),
    ...eventId,
  }),
  z.strictObject({ type: z.literal('conversation.item.delete'), item_id: z.string(), ...eventId }),
  z.strictObject({
    type: z.literal('conversation.item.retrieve'),
    item_id: z.string(),
    ...eventId,
  }),
  z.strictObject({
    type: z.literal('conversation.item.truncate'),
    item_id: z.string(),
    content_index: z.int().min(0),
    audio_end_ms: z.int().min(0),
    ...eventId,
  }),
  z.strictObject({
    type: z.literal('response.create'),
    response: responseParams.optional(),
    ...eventId,
  }),
  z.strictObject({
    type: z.literal('response.cancel'),
    response_id: z.string().optional(),
    ...eventId,
  }),
]);

export type ValidClientEvent = z.infer<typeof clientEvent>;

const CLIENT_EVENT_TYPES: readonly string[] = clientEvent.options.map(
  (option) => option.shape.type.value,
);

/** The body of an OpenAI `error` event. */
export type RealtimeErrorBody = {
  type: string;
  code: string | null;
  message: string;
  param: string | null;
  event_id: string | null;
};

/** Validates one client text frame as the API does; an error body when it would be refused. */
export function validateClientEvent(
  text: string,
): { ok: true; event: ValidClientEvent } | { ok: false; error: RealtimeErrorBody } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refusal('invalid_json', 'We could not parse the JSON body of your request.', null, null);
  }
  const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const clientEventId = typeof record.event_id === 'string' ? record.event_id : null;
  if (typeof record.type !== 'string') {
    return refusal(
      'missing_required_parameter',
      "Missing required parameter: 'type'.",
      'type',
      clientEventId,
    );
  }
  if (!CLIENT_EVENT_TYPES.includes(record.type)) {
    return refusal(
      'invalid_value',
      `Invalid value: '${record.type}'. Supported values are: ${CLIENT_EVENT_TYPES.map((t) => `'${t}'`).join(', ')}.`,
      'type',
      clientEventId,
    );
  }
  const parsed = clientEvent.safeParse(json, { reportInput: true });
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const path = paramOf(issue?.path ?? []);
  if (issue?.code === 'unrecognized_keys') {
    const param = [path, issue.keys[0]].filter(Boolean).join('.');
    return refusal('unknown_parameter', `Unknown parameter: '${param}'.`, param, clientEventId);
  }
  if (issue && 'input' in issue && issue.input === undefined) {
    return refusal(
      'missing_required_parameter',
      `Missing required parameter: '${path}'.`,
      path,
      clientEventId,
    );
  }
  return refusal(
    'invalid_value',
    `Invalid value for '${path}': ${issue?.message ?? 'invalid'}.`,
    path,
    clientEventId,
  );
}

function paramOf(path: PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function refusal(
  code: string,
  message: string,
  param: string | null,
  eventId: string | null,
): { ok: false; error: RealtimeErrorBody } {
  return {
    ok: false,
    error: { type: 'invalid_request_error', code, message, param, event_id: eventId },
  };
}
