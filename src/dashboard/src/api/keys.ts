// Query keys in one place. Company data is keyed by company id so that switching
// company never shows the previous company's rows, even for a moment.

export const meQueryKey = ['auth', 'me'] as const;

export const inviteKey = (token: string) => ['auth', 'invite', token] as const;

export const healthKey = ['health'] as const;

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
  callLists: (companyId: string) => ['company', companyId, 'calls', 'list'] as const,
  callStats: (companyId: string) => ['company', companyId, 'calls', 'stats'] as const,
  call: (companyId: string, id: string) => ['company', companyId, 'calls', 'detail', id] as const,
  callSettings: (companyId: string, chatbotId: string) =>
    ['company', companyId, 'chatbots', chatbotId, 'call-settings'] as const,
  voices: (companyId: string, modelId: string) =>
    ['company', companyId, 'voices', modelId] as const,
  integrationAccounts: (companyId: string) =>
    ['company', companyId, 'integration-accounts'] as const,
  chatbotKnowledgeCategories: (companyId: string, chatbotId: string) =>
    ['company', companyId, 'chatbots', chatbotId, 'knowledge-categories'] as const,
  knowledge: (companyId: string) => ['company', companyId, 'knowledge'] as const,
  knowledgeCategories: (companyId: string) =>
    ['company', companyId, 'knowledge', 'categories'] as const,
  knowledgeDocuments: (companyId: string, categoryId: string) =>
    ['company', companyId, 'knowledge', 'documents', categoryId] as const,
  knowledgeDocument: (companyId: string, id: string) =>
    ['company', companyId, 'knowledge', 'document', id] as const,
  notifications: (companyId: string) => ['company', companyId, 'notifications'] as const,
  callModelReadiness: (companyId: string) =>
    ['company', companyId, 'call-models', 'readiness'] as const,
  inbox: (companyId: string) => ['company', companyId, 'inbox'] as const,
  inboxConversations: (companyId: string, status: string) =>
    ['company', companyId, 'inbox', 'conversations', status] as const,
  inboxConversation: (companyId: string, id: string) =>
    ['company', companyId, 'inbox', 'conversation', id] as const,
};

export const masterKeys = {
  companies: () => ['master', 'companies'] as const,
  company: (id: string) => ['master', 'companies', id] as const,
  aiModels: () => ['master', 'ai-models'] as const,
  packages: () => ['master', 'chatbot-packages'] as const,
};
