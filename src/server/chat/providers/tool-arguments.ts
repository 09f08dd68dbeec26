/**
 * A model's tool-call arguments as an object. Models occasionally send
 * malformed JSON; an empty object lets the tool's own validation answer
 * the model with what is missing instead of failing the whole reply.
 */
export function parseToolArguments(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      return {};
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
