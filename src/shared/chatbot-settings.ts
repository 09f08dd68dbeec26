import { z } from 'zod';
import { PHONE_NUMBER_PROBLEM, toE164 } from './phone-number.js';
import { webUrl } from './web-url.js';

// Shared by the server (validation) and the dashboard (forms, defaults), so a
// setting is declared once with its range and default.

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #2563eb');

export const widgetPositions = ['bottom-right', 'bottom-left'] as const;
export const launcherIcons = ['chat', 'message', 'help', 'sparkles', 'headset'] as const;
export const callButtonIcons = ['phone', 'mic', 'headset'] as const;
export const visualizerStyles = ['wave', 'orb'] as const;
export const widgetThemes = ['light', 'dark', 'auto'] as const;

export const widgetCallSettingsSchema = z.strictObject({
  buttonText: z.string().trim().min(1).max(40).default('Call us'),
  buttonIcon: z.enum(callButtonIcons).default('phone'),
  buttonColor: hexColor.default('#16a34a'),
  visualizerStyle: z.enum(visualizerStyles).default('orb'),
  showDuration: z.boolean().default(true),
  showTranscript: z.boolean().default(true),
  welcomeMessage: z
    .string()
    .max(500)
    .default('Talk to our AI assistant. It can answer questions and take a message.'),
});

export const widgetSettingsSchema = z.strictObject({
  title: z.string().trim().min(1).max(60).default('Chat with us'),
  subtitle: z.string().max(120).default('We usually reply in a few seconds'),
  welcomeMessage: z.string().max(1000).default('Hi! How can I help you today?'),
  placeholder: z.string().max(100).default('Type your message…'),
  sendButtonText: z.string().trim().min(1).max(20).default('Send'),
  position: z.enum(widgetPositions).default('bottom-right'),
  offsetX: z.number().int().min(0).max(200).default(24),
  offsetY: z.number().int().min(0).max(200).default(24),
  primaryColor: hexColor.default('#2563eb'),
  primaryTextColor: hexColor.default('#ffffff'),
  backgroundColor: hexColor.default('#ffffff'),
  textColor: hexColor.default('#0f172a'),
  theme: z.enum(widgetThemes).default('light'),
  launcherIcon: z.enum(launcherIcons).default('chat'),
  launcherSize: z.number().int().min(40).max(80).default(56),
  borderRadius: z.number().int().min(0).max(32).default(16),
  fontFamily: z.string().max(120).default('system-ui, sans-serif'),
  showAvatar: z.boolean().default(true),
  avatarUrl: webUrl.max(500).or(z.literal('')).default(''),
  showBranding: z.boolean().default(true),
  autoOpen: z.boolean().default(false),
  autoOpenDelayMs: z.number().int().min(0).max(60_000).default(3000),
  soundEnabled: z.boolean().default(false),
  suggestedQuestions: z.array(z.string().trim().min(1).max(120)).max(5).default([]),
  inputMaxLength: z.number().int().min(50).max(4000).default(1000),
  collectEmail: z.boolean().default(false),
  call: widgetCallSettingsSchema.default(() => widgetCallSettingsSchema.parse({})),
});

/** A phone number in any common international form, kept E.164; empty is none. */
const phoneNumberOrNone = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  z
    .string()
    .max(40)
    .transform((typed, ctx) => {
      const e164 = toE164(typed);
      if (!e164) ctx.addIssue({ code: 'custom', message: PHONE_NUMBER_PROBLEM });
      return e164 ?? z.NEVER;
    })
    .nullable(),
);

export const DEFAULT_URGENT_KEYWORDS = ['emergency', 'urgent', 'pain', 'bleeding'] as const;

export const callSettingsSchema = z.strictObject({
  /** ai_models.id of a model whose type is `call` or `both`; null = platform default. */
  modelId: z.uuid().nullable().default(null),
  voice: z.string().trim().min(1).max(60).default('marin'),
  speed: z.number().min(0.5).max(2).default(1),
  greeting: z.string().max(500).default('Hello! Thanks for calling. How can I help you today?'),
  endCallPhrase: z.string().trim().max(60).default('goodbye'),
  silenceTimeoutSec: z.number().int().min(30).max(300).default(180),
  maxDurationMin: z.number().int().min(1).max(60).default(10),
  realtimeTranscription: z.boolean().default(true),
  recording: z.boolean().default(false),
  allowInterruption: z.boolean().default(true),
  knowledgeBaseAccess: z.boolean().default(true),
  vadThreshold: z.number().min(0).max(1).default(0.5),
  echoCancellation: z.boolean().default(true),
  noiseSuppression: z.boolean().default(true),
  /** Words in a call's transcript that mark it urgent, besides the model's own judgement. */
  urgentKeywords: z
    .array(z.string().trim().min(1).max(40))
    .max(30)
    .default(() => [...DEFAULT_URGENT_KEYWORDS]),
  /** Where a phone call goes when the caller needs a person (Twilio calls); null keeps them with the agent. */
  transferNumber: phoneNumberOrNone.default(null),
});

export const chatbotSettingsSchema = z.strictObject({
  widget: widgetSettingsSchema.default(() => widgetSettingsSchema.parse({})),
  call: callSettingsSchema.default(() => callSettingsSchema.parse({})),
});

// Zod's .partial() keeps each field's .default(), which would turn a patch of
// one option into a reset of all the others; a patch carries only what was sent.
function patchOf<Shape extends z.ZodRawShape>(shape: Shape) {
  const optional = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault
        ? (field.unwrap() as z.ZodType)
        : (field as z.ZodType)
      ).optional(),
    ]),
  );
  return z.strictObject(optional) as unknown as z.ZodObject<{
    [K in keyof Shape]: z.ZodOptional<
      Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]
    >;
  }>;
}

const { call: _widgetCall, ...widgetShape } = widgetSettingsSchema.shape;

export const chatbotSettingsPatchSchema = z.strictObject({
  widget: patchOf(widgetShape)
    .extend({ call: patchOf(widgetCallSettingsSchema.shape).optional() })
    .optional(),
  call: patchOf(callSettingsSchema.shape).optional(),
});

export const agentDefinitionSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lowercase letters, digits, - or _'),
  name: z.string().trim().min(1).max(60),
  description: z.string().max(300).default(''),
  instructions: z.string().max(20_000).default(''),
  isDefault: z.boolean().default(false),
});

export const agentsListSchema = z
  .array(agentDefinitionSchema)
  .max(10)
  .refine((agents) => agents.filter((a) => a.isDefault).length <= 1, {
    message: 'only one agent can be the default',
  })
  .refine((agents) => new Set(agents.map((a) => a.id)).size === agents.length, {
    message: 'agent ids must be unique',
  });

export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;
export type WidgetCallSettings = z.infer<typeof widgetCallSettingsSchema>;
export type CallSettings = z.infer<typeof callSettingsSchema>;
export type ChatbotSettings = z.infer<typeof chatbotSettingsSchema>;
export type ChatbotSettingsPatch = z.infer<typeof chatbotSettingsPatchSchema>;
export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;

export const defaultChatbotSettings = (): ChatbotSettings => chatbotSettingsSchema.parse({});

/** Deep-merges a patch into stored settings and re-validates the whole. */
export function mergeChatbotSettings(
  current: unknown,
  patch: ChatbotSettingsPatch,
): ChatbotSettings {
  const base = chatbotSettingsSchema.parse(current ?? {});
  const { call: widgetCallPatch, ...widgetPatch } = patch.widget ?? {};
  return chatbotSettingsSchema.parse({
    widget: {
      ...base.widget,
      ...widgetPatch,
      call: { ...base.widget.call, ...widgetCallPatch },
    },
    call: { ...base.call, ...patch.call },
  });
}
