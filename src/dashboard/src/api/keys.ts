// Query keys in one place. Company data is keyed by company id so that switching
// company never shows the previous company's rows, even for a moment.

export const meQueryKey = ['auth', 'me'] as const;

export const inviteKey = (token: string) => ['auth', 'invite', token] as const;

export const companyKeys = {
  all: (companyId: string) => ['company', companyId] as const,
  chatbots: (companyId: string) => ['company', companyId, 'chatbots'] as const,
  chatbot: (companyId: string, id: string) => ['company', companyId, 'chatbots', id] as const,
  aiModels: (companyId: string, modelType: 'chat' | 'call') =>
    ['company', companyId, 'ai-models', modelType] as const,
  packages: (companyId: string, chatbotType: 'chat' | 'call') =>
    ['company', companyId, 'chatbot-packages', chatbotType] as const,
  members: (companyId: string) => ['company', companyId, 'members'] as const,
  calls: (companyId: string) => ['company', companyId, 'calls'] as const,
  integrationAccounts: (companyId: string) =>
    ['company', companyId, 'integration-accounts'] as const,
};

export const masterKeys = {
  companies: () => ['master', 'companies'] as const,
  company: (id: string) => ['master', 'companies', id] as const,
  aiModels: () => ['master', 'ai-models'] as const,
  packages: () => ['master', 'chatbot-packages'] as const,
};
