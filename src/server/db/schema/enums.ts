import { pgEnum } from 'drizzle-orm/pg-core';
import {
  accountTypes,
  aiProviders,
  callSources,
  callStatuses,
  channelTypes,
  chatbotTypes,
  companyRoles,
  modelTypes,
} from '../../../shared/domain.js';

export const companyRoleEnum = pgEnum('company_role', companyRoles);
export const aiProviderEnum = pgEnum('ai_provider', aiProviders);
export const modelTypeEnum = pgEnum('model_type', modelTypes);
export const chatbotTypeEnum = pgEnum('chatbot_type', chatbotTypes);
export const accountTypeEnum = pgEnum('account_type', accountTypes);
export const callStatusEnum = pgEnum('call_status', callStatuses);
export const callSourceEnum = pgEnum('call_source', callSources);
export const channelTypeEnum = pgEnum('channel_type', channelTypes);
export const documentStatusEnum = pgEnum('document_status', ['processing', 'ready', 'failed']);
export const conversationStatusEnum = pgEnum('conversation_status', [
  'bot',
  'waiting_human',
  'human',
  'closed',
]);
export const messageRoleEnum = pgEnum('message_role', ['user', 'assistant', 'agent', 'system']);
export const speakerEnum = pgEnum('speaker', ['caller', 'agent', 'human_agent']);
export const escalationStatusEnum = pgEnum('escalation_status', ['open', 'assigned', 'resolved']);
export const ticketStatusEnum = pgEnum('ticket_status', ['open', 'closed']);
export const integrationStatusEnum = pgEnum('integration_status', [
  'pending',
  'active',
  'error',
  'disabled',
  'inactive',
]);
