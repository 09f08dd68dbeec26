import { performance } from 'node:perf_hooks';
import type { AgentProvider, AgentSession } from '../providers/agent-session.js';
import { ProviderUnavailableError } from '../runner/provider-unavailable.js';
import type { CallMetrics } from './call-metrics.js';
import type { AgentProviderFactory } from './provider-registry.js';

/**
 * The provider factory with its sessions measured: each connect attempt's
 * time or failure, and the time to the agent's first audio. Done around the
 * session so neither the runner nor a provider knows about metrics; after the
 * first audio chunk nothing more is observed.
 */
export function instrumentProviders(
  factory: AgentProviderFactory,
  metrics: CallMetrics,
): AgentProviderFactory {
  return (model, call) => {
    let provider: AgentProvider;
    try {
      provider = factory(model, call);
    } catch (err) {
      if (err instanceof ProviderUnavailableError) {
        metrics.providerConnectFailed(model.provider, 'unavailable');
      }
      throw err;
    }
    return {
      name: provider.name,
      capabilities: provider.capabilities,
      createSession: (config) => measured(provider.createSession(config), provider.name, metrics),
    };
  };
}

function measured(
  session: AgentSession,
  provider: AgentProvider['name'],
  metrics: CallMetrics,
): AgentSession {
  const createdAt = performance.now();
  const connect = session.connect.bind(session);
  session.connect = async () => {
    const startedAt = performance.now();
    try {
      await connect();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      metrics.providerConnectFailed(provider, typeof code === 'string' ? code : 'error');
      throw err;
    }
    metrics.providerConnected(provider, performance.now() - startedAt);
  };
  session.once('audio', () => metrics.firstAgentAudio(provider, performance.now() - createdAt));
  return session;
}
