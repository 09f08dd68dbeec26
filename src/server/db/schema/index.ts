export * from './calls.js';
export * from './catalog.js';
export * from './conversations.js';
export * from './enums.js';
export * from './identity.js';
export * from './integrations.js';
export * from './knowledge.js';
export * from './notifications.js';
