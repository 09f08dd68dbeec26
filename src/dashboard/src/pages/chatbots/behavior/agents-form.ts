import type { AgentDefinition } from '../../../../../shared/chatbot-settings';

// The limits of agentDefinitionSchema and the chatbot routes (src/shared/chatbot-settings.ts).
export const MAX_AGENTS = 10;
export const MAX_INSTRUCTIONS = 50_000;
export const MAX_AGENT_INSTRUCTIONS = 20_000;
const AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** An agent in the form: `key` keeps React's identity while the id is edited. */
export type AgentDraft = AgentDefinition & { key: string; idEdited: boolean };

let nextKey = 1;
const newKey = () => `agent-${nextKey++}`;

export function draftsOf(agents: AgentDefinition[]): AgentDraft[] {
  return agents.map((agent) => ({ ...agent, key: newKey(), idEdited: true }));
}

export function definitionsOf(drafts: AgentDraft[]): AgentDefinition[] {
  return drafts.map(({ key: _key, idEdited: _edited, ...agent }) => ({
    ...agent,
    id: agent.id.trim(),
    name: agent.name.trim(),
  }));
}

const comparable = (agents: AgentDefinition[]) =>
  JSON.stringify(
    agents.map((a) => [a.id, a.name, a.description ?? '', a.instructions ?? '', a.isDefault]),
  );

/** Whether two lists hold the same agents; stored JSON may order its keys differently. */
export function sameAgents(a: AgentDefinition[], b: AgentDefinition[]): boolean {
  return comparable(a) === comparable(b);
}

/** "Billing & Refunds" → "billing-refunds". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function newAgent(existing: AgentDraft[]): AgentDraft {
  return {
    key: newKey(),
    idEdited: false,
    id: '',
    name: '',
    description: '',
    instructions: '',
    isDefault: existing.length === 0,
  };
}

/** Keeps exactly one default while there are agents: the first, when the default left. */
export function withOneDefault(drafts: AgentDraft[]): AgentDraft[] {
  if (drafts.length === 0 || drafts.some((d) => d.isDefault)) return drafts;
  return drafts.map((d, i) => ({ ...d, isDefault: i === 0 }));
}

export function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** Errors keyed like the API's field paths: `agentsList.0.id`. */
export function validateBehavior(instructions: string, drafts: AgentDraft[]) {
  const errors: Record<string, string> = {};
  if (instructions.length > MAX_INSTRUCTIONS) {
    errors.instructions = `At most ${MAX_INSTRUCTIONS.toLocaleString()} characters.`;
  }
  const seen = new Set<string>();
  drafts.forEach((draft, i) => {
    const path = `agentsList.${i}`;
    const id = draft.id.trim();
    if (!draft.name.trim()) errors[`${path}.name`] = 'Enter a name.';
    if (!id) errors[`${path}.id`] = 'Enter an ID.';
    else if (!AGENT_ID.test(id)) {
      errors[`${path}.id`] = 'Use lowercase letters, digits, - or _ (at most 40).';
    } else if (seen.has(id)) errors[`${path}.id`] = 'Another agent already has this ID.';
    seen.add(id);
    if (draft.instructions.length > MAX_AGENT_INSTRUCTIONS) {
      errors[`${path}.instructions`] =
        `At most ${MAX_AGENT_INSTRUCTIONS.toLocaleString()} characters.`;
    }
  });
  return errors;
}
