import type { AiProvider } from '../../shared/domain.js';
import type { CallUsage } from '../db/schema/index.js';

/** USD per million tokens, from the providers' published audio prices. */
const TOKEN_PRICES: Record<string, { input: number; output: number }> = {
  'gpt-realtime': { input: 32, output: 64 },
  'gpt-realtime-mini': { input: 10, output: 20 },
  'gpt-4o-realtime-preview': { input: 40, output: 80 },
  'gpt-4o-mini-realtime-preview': { input: 10, output: 20 },
};

export type CostEstimate = { currency: 'USD'; amount: number };

/**
 * What the call's model cost, estimated from the tokens the provider
 * reported; the local engine costs nothing, and a model without a known price
 * has no estimate.
 */
export function estimateCallCost(
  model: { provider: AiProvider; modelId: string } | null,
  usage: CallUsage,
): CostEstimate | null {
  if (!model) return null;
  if (model.provider === 'local') return { currency: 'USD', amount: 0 };
  const price = TOKEN_PRICES[model.modelId];
  if (!price || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return null;
  const amount =
    ((usage.inputTokens ?? 0) * price.input + (usage.outputTokens ?? 0) * price.output) / 1e6;
  return { currency: 'USD', amount: Math.round(amount * 10_000) / 10_000 };
}
