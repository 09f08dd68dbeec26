// Enumerations shared by the database schema, the API and the dashboard.

export const companyRoles = ['company_admin', 'support_agent'] as const;
export type CompanyRole = (typeof companyRoles)[number];

export const aiProviders = ['openai', 'gemini', 'local'] as const;
export type AiProvider = (typeof aiProviders)[number];

export const modelTypes = ['chat', 'call', 'both'] as const;
export type ModelType = (typeof modelTypes)[number];

export const chatbotTypes = ['chat', 'call'] as const;
export type ChatbotType = (typeof chatbotTypes)[number];

export const accountTypes = ['twilio', 'whatsapp'] as const;
export type AccountType = (typeof accountTypes)[number];

export const callStatuses = ['pending', 'in_progress', 'completed', 'failed', 'no_answer'] as const;
export type CallStatus = (typeof callStatuses)[number];

export const callSources = ['web', 'twilio', 'whatsapp'] as const;
export type CallSource = (typeof callSources)[number];

export const callDirections = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirections)[number];

export const channelTypes = ['chat', 'voice_call', 'whatsapp'] as const;
export type ChannelType = (typeof channelTypes)[number];

export const modelTypeLabels: Record<ModelType, string> = {
  chat: 'Chat Only',
  call: 'Call Only',
  both: 'Both Chat and Call',
};

/** A model serves a purpose when its type is that purpose or `both`. */
export function modelServes(modelType: ModelType, purpose: 'chat' | 'call'): boolean {
  return modelType === purpose || modelType === 'both';
}
