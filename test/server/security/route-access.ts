/**
 * Who may call each route, and how a second tenant is kept from each row it
 * names. Keyed like Fastify's route table; the guard suite fails for any route
 * missing here, so a new route needs a line (and a guard).
 */

export type Access =
  /** Anyone; anonymous callers must get an answer, never a 5xx. */
  | 'public'
  /** Public, but a visitor or call token is the credential: without one, 401. */
  | 'token'
  /** Public, but the sender's signature (X-Twilio-Signature) is the credential: without one, 403. */
  | 'signed'
  /** Any signed-in user. */
  | 'signedIn'
  /** Any member of the active company (support agents too). */
  | 'member'
  | 'admin'
  | 'master';

/** Rows the suite makes in company A through the API, for company B to reach for. */
export type Resource =
  | 'chatbot'
  | 'callChatbot'
  | 'category'
  | 'document'
  | 'conversation'
  | 'member'
  | 'notification'
  | 'integrationAccount'
  | 'call'
  | 'ticket'
  | 'callback'
  | 'webhook'
  | 'routingRule'
  | 'callerList';

export type TenantCheck =
  | { resource: Resource; body?: unknown; multipart?: true }
  | { notTenantOwned: string };

export type RouteAccess = { access: Access; callFeature?: true; tenant?: TenantCheck };

const platform = { notTenantOwned: 'platform-wide rows, master admins only' };
const widget = {
  notTenantOwned: 'public widget id; visitor and call tokens are tested in widget-security',
};
const callModel = { notTenantOwned: 'AI models are platform-wide' };

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /api/health': { access: 'public' },
  'GET /api/health/ready': { access: 'public' },
  'GET /api/docs': { access: 'public' },
  'GET /api/docs/json': { access: 'public' },
  'GET /api/docs/yaml': { access: 'public' },
  'GET /api/docs/openapi.json': { access: 'public' },
  'GET /api/docs/static/index.html': { access: 'public' },
  'GET /api/docs/static/swagger-initializer.js': { access: 'public' },
  'GET /api/docs/static/*': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },
  'POST /api/auth/logout': { access: 'public' },
  'GET /api/auth/me': { access: 'signedIn' },
  'POST /api/auth/active-company': { access: 'signedIn' },
  'GET /api/auth/invites/:token': {
    access: 'public',
    tenant: { notTenantOwned: 'the invitation token is the credential' },
  },
  'POST /api/auth/invites/:token/accept': {
    access: 'public',
    tenant: { notTenantOwned: 'the invitation token is the credential' },
  },

  'GET /api/master/companies': { access: 'master' },
  'POST /api/master/companies': { access: 'master' },
  'GET /api/master/companies/:id': { access: 'master', tenant: platform },
  'PATCH /api/master/companies/:id': { access: 'master', tenant: platform },
  'PATCH /api/master/companies/:id/settings': { access: 'master', tenant: platform },
  'GET /api/master/ai-models': { access: 'master' },
  'POST /api/master/ai-models': { access: 'master' },
  'PATCH /api/master/ai-models/:id': { access: 'master', tenant: platform },
  'DELETE /api/master/ai-models/:id': { access: 'master', tenant: platform },
  'GET /api/master/chatbot-packages': { access: 'master' },
  'POST /api/master/chatbot-packages': { access: 'master' },
  'PATCH /api/master/chatbot-packages/:id': { access: 'master', tenant: platform },
  'DELETE /api/master/chatbot-packages/:id': { access: 'master', tenant: platform },

  'GET /api/company/ai-models': { access: 'member' },
  'GET /api/company/chatbot-packages': { access: 'member' },
  'GET /api/company/chatbots': { access: 'member' },
  'POST /api/company/chatbots': { access: 'admin' },
  'GET /api/company/chatbots/:id': { access: 'member', tenant: { resource: 'chatbot' } },
  'PATCH /api/company/chatbots/:id': {
    access: 'admin',
    tenant: { resource: 'chatbot', body: { name: 'Taken over' } },
  },
  'DELETE /api/company/chatbots/:id': { access: 'admin', tenant: { resource: 'chatbot' } },
  'GET /api/company/chatbots/:id/knowledge-categories': {
    access: 'member',
    tenant: { resource: 'chatbot' },
  },
  'PUT /api/company/chatbots/:id/knowledge-categories': {
    access: 'admin',
    tenant: { resource: 'chatbot', body: { categoryIds: [] } },
  },
  'GET /api/company/chatbots/:id/call-settings': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'callChatbot' },
  },
  'PATCH /api/company/chatbots/:id/call-settings': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'callChatbot', body: { greeting: 'Taken over' } },
  },

  'GET /api/company/members': { access: 'member' },
  'POST /api/company/members': { access: 'admin' },
  'PATCH /api/company/members/:userId': {
    access: 'admin',
    tenant: { resource: 'member', body: { role: 'company_admin' } },
  },
  'DELETE /api/company/members/:userId': { access: 'admin', tenant: { resource: 'member' } },

  'GET /api/company/calls': { access: 'member', callFeature: true },
  'GET /api/company/calls/stats': { access: 'member', callFeature: true },
  'GET /api/company/analytics/calls': { access: 'member', callFeature: true },
  'GET /api/company/calls/events': { access: 'member', callFeature: true },
  'GET /api/company/calls/export.csv': { access: 'member', callFeature: true },
  'GET /api/company/calls/:id': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'PATCH /api/company/calls/:id': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call', body: { isHandled: true, notes: 'Taken over' } },
  },
  'DELETE /api/company/calls/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/company/calls/:id/export.pdf': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/company/call-models/readiness': { access: 'admin', callFeature: true },
  'GET /api/company/recording-settings': { access: 'admin', callFeature: true },
  'PATCH /api/company/recording-settings': { access: 'admin', callFeature: true },
  'GET /api/company/business-hours': { access: 'member', callFeature: true },
  'PUT /api/company/business-hours': { access: 'admin', callFeature: true },
  'GET /api/company/caller-lists': { access: 'member', callFeature: true },
  'POST /api/company/caller-lists': { access: 'admin', callFeature: true },
  'PATCH /api/company/caller-lists/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'callerList', body: { name: 'Taken over' } },
  },
  'DELETE /api/company/caller-lists/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'callerList' },
  },
  'GET /api/company/routing-rules': { access: 'member', callFeature: true },
  'POST /api/company/routing-rules': { access: 'admin', callFeature: true },
  'PUT /api/company/routing-rules/order': { access: 'admin', callFeature: true },
  'POST /api/company/routing-rules/preview': { access: 'member', callFeature: true },
  'PATCH /api/company/routing-rules/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'routingRule', body: { name: 'Taken over' } },
  },
  'DELETE /api/company/routing-rules/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'routingRule' },
  },
  'GET /api/company/escalation-settings': { access: 'member', callFeature: true },
  'PUT /api/company/escalation-settings': { access: 'admin', callFeature: true },
  'GET /api/company/presence': { access: 'member', callFeature: true },
  'PUT /api/company/presence': { access: 'member', callFeature: true },
  'GET /api/company/agent-events': { access: 'member', callFeature: true },
  'POST /api/company/calls/:id/accept': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'POST /api/company/calls/:id/take-over': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/company/calls/:id/take-over/socket': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/company/calls/:id/take-over': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'POST /api/company/calls/:id/take-over/transfer': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'POST /api/company/calls/:id/take-over/hold': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call', body: { onHold: true } },
  },
  'POST /api/company/calls/:id/take-over/hand-back': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/company/calls/:id/listen/socket': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'POST /api/company/calls/:id/end': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'POST /api/company/calls/:id/decline': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call' },
  },
  'GET /api/recordings/:callId': {
    access: 'signed',
    tenant: {
      notTenantOwned: 'the signed link names the call; links are tested in call-recording',
    },
  },
  'GET /api/company/notifications': { access: 'admin' },
  'POST /api/company/notifications/:id/read': {
    access: 'admin',
    tenant: { resource: 'notification' },
  },
  'GET /api/company/integration-accounts': { access: 'admin', callFeature: true },
  'POST /api/company/integration-accounts': { access: 'admin', callFeature: true },
  'POST /api/company/integration-accounts/test': { access: 'admin', callFeature: true },
  'GET /api/company/integration-accounts/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'integrationAccount' },
  },
  'PATCH /api/company/integration-accounts/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'integrationAccount', body: { name: 'Taken over' } },
  },
  'DELETE /api/company/integration-accounts/:id': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'integrationAccount' },
  },
  'POST /api/company/integration-accounts/:id/test': {
    access: 'admin',
    callFeature: true,
    tenant: { resource: 'integrationAccount' },
  },
  'POST /api/company/calls/outbound': { access: 'admin', callFeature: true },
  'GET /api/company/webhooks': { access: 'admin' },
  'POST /api/company/webhooks': { access: 'admin' },
  'GET /api/company/webhooks/:id': { access: 'admin', tenant: { resource: 'webhook' } },
  'PATCH /api/company/webhooks/:id': {
    access: 'admin',
    tenant: {
      resource: 'webhook',
      body: { url: 'https://attacker.example.com/x', isActive: false },
    },
  },
  'DELETE /api/company/webhooks/:id': { access: 'admin', tenant: { resource: 'webhook' } },
  'POST /api/company/webhooks/:id/test': { access: 'admin', tenant: { resource: 'webhook' } },
  'GET /api/company/webhooks/:id/deliveries': {
    access: 'admin',
    tenant: { resource: 'webhook' },
  },
  'POST /api/company/webhooks/:id/rotate-secret': {
    access: 'admin',
    tenant: { resource: 'webhook' },
  },
  'GET /api/company/tickets': { access: 'member' },
  'POST /api/company/tickets': { access: 'member' },
  'GET /api/company/tickets/:id': { access: 'member', tenant: { resource: 'ticket' } },
  'PATCH /api/company/tickets/:id': {
    access: 'member',
    tenant: { resource: 'ticket', body: { status: 'closed', message: 'Taken over' } },
  },
  'POST /api/company/calls/:id/callbacks': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'call', body: { dueAt: '2030-01-01T09:00:00Z', phone: '+15550100' } },
  },
  'GET /api/company/callbacks': { access: 'member', callFeature: true },
  'PATCH /api/company/callbacks/:id': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'callback', body: { status: 'done', note: 'Taken over' } },
  },
  'POST /api/company/callbacks/:id/place': {
    access: 'member',
    callFeature: true,
    tenant: { resource: 'callback' },
  },
  'GET /api/company/voices/:modelId': { access: 'admin', callFeature: true, tenant: callModel },
  'GET /api/company/voices/:modelId/:voice/preview': {
    access: 'admin',
    callFeature: true,
    tenant: callModel,
  },

  'GET /api/company/knowledge/categories': { access: 'member' },
  'POST /api/company/knowledge/categories': { access: 'admin' },
  'PATCH /api/company/knowledge/categories/:id': {
    access: 'admin',
    tenant: { resource: 'category', body: { name: 'Taken over' } },
  },
  'DELETE /api/company/knowledge/categories/:id': {
    access: 'admin',
    tenant: { resource: 'category' },
  },
  'GET /api/company/knowledge/documents': { access: 'member' },
  'GET /api/company/knowledge/documents/:id': {
    access: 'member',
    tenant: { resource: 'document' },
  },
  'POST /api/company/knowledge/documents': { access: 'admin' },
  'PUT /api/company/knowledge/documents/:id': {
    access: 'admin',
    tenant: { resource: 'document', body: { content: 'Taken over' } },
  },
  'DELETE /api/company/knowledge/documents/:id': {
    access: 'admin',
    tenant: { resource: 'document' },
  },
  'POST /api/company/knowledge/documents/upload': { access: 'admin' },
  'PUT /api/company/knowledge/documents/:id/upload': {
    access: 'admin',
    tenant: { resource: 'document', multipart: true },
  },
  'POST /api/company/knowledge/search': { access: 'member' },

  'GET /api/company/inbox/conversations': { access: 'member' },
  'GET /api/company/inbox/conversations/:id': {
    access: 'member',
    tenant: { resource: 'conversation' },
  },
  'POST /api/company/inbox/conversations/:id/take': {
    access: 'member',
    tenant: { resource: 'conversation' },
  },
  'POST /api/company/inbox/conversations/:id/messages': {
    access: 'member',
    tenant: { resource: 'conversation', body: { content: 'Taken over' } },
  },
  'POST /api/company/inbox/conversations/:id/hand-back': {
    access: 'member',
    tenant: { resource: 'conversation' },
  },
  'POST /api/company/inbox/conversations/:id/close': {
    access: 'member',
    tenant: { resource: 'conversation' },
  },
  'GET /api/company/inbox/events': { access: 'member' },

  'GET /api/widget/:publicId/config': { access: 'public', tenant: widget },
  'POST /api/widget/:publicId/conversations': { access: 'public', tenant: widget },
  'GET /api/widget/conversations/:id/messages': { access: 'token', tenant: widget },
  'POST /api/widget/conversations/:id/messages': { access: 'token', tenant: widget },
  'GET /api/widget/conversations/:id/events': { access: 'token', tenant: widget },
  'POST /api/widget/call/session': { access: 'public' },
  'GET /api/widget/call/:sessionId/ws': { access: 'public', tenant: widget },
  'POST /api/widget/call/:sessionId/end': { access: 'token', tenant: widget },
  'POST /api/widget/call/:sessionId/rating': { access: 'token', tenant: widget },

  'POST /api/webhooks/twilio/voice': { access: 'signed' },
  'POST /api/webhooks/twilio/voice/connect': { access: 'signed' },
  'POST /api/webhooks/twilio/voice/gather': { access: 'signed' },
  'POST /api/webhooks/twilio/status': { access: 'signed' },
  'GET /api/webhooks/twilio/media': { access: 'signed' },
  // Meta's verify token (GET) and X-Hub-Signature-256 (POST) are the credentials.
  'GET /api/webhooks/whatsapp/call': { access: 'signed' },
  'POST /api/webhooks/whatsapp/call': { access: 'signed' },

  'GET /widget.js': { access: 'public' },
  'GET /widget/:file': { access: 'public', tenant: { notTenantOwned: 'static widget files' } },
  'GET /demo/:chatbotId': { access: 'public', tenant: widget },
};
