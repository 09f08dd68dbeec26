import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { CallSettings } from '../../../shared/chatbot-settings';
import { api, apiErrorFrom, networkError } from './client';
import { useCompanyId } from './company-scope';
import { companyKeys, healthKey } from './keys';
import type { Call, Health, ModelVoices } from './types';

const callSettingsPath = (chatbotId: string) => `/api/company/chatbots/${chatbotId}/call-settings`;
const voicesPath = (modelId: string) => `/api/company/voices/${modelId}`;

/** What stops the call model in effect from taking calls on this server (no key, packages missing). */
export type CallSettingsWarning = { field: 'modelId'; message: string };

export type CallSettingsAnswer = { callSettings: CallSettings; warnings: CallSettingsWarning[] };

export function useCallSettings(chatbotId: string) {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.callSettings(companyId, chatbotId),
    queryFn: ({ signal }) =>
      api.get<CallSettingsAnswer>(callSettingsPath(chatbotId), undefined, signal),
  });
}

/** Per active call model, what stops it from taking calls here (null: nothing). */
export function useCallModelReadiness() {
  const companyId = useCompanyId();
  return useQuery({
    queryKey: companyKeys.callModelReadiness(companyId),
    queryFn: ({ signal }) =>
      api.get<{ models: Array<{ id: string; problem: string | null }> }>(
        '/api/company/call-models/readiness',
        undefined,
        signal,
      ),
    select: (data) => new Map(data.models.map((model) => [model.id, model.problem])),
  });
}

export function useUpdateCallSettings(chatbotId: string) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<CallSettings>) =>
      api.patch<CallSettingsAnswer>(callSettingsPath(chatbotId), patch),
    onSuccess: (data) => {
      queryClient.setQueryData(companyKeys.callSettings(companyId, chatbotId), data);
      // The chatbot carries the same settings under `settings.call`.
      return queryClient.invalidateQueries({
        queryKey: companyKeys.chatbot(companyId, chatbotId),
        exact: true,
      });
    },
  });
}

export const voicesQuery = (companyId: string, modelId: string) =>
  queryOptions({
    queryKey: companyKeys.voices(companyId, modelId),
    queryFn: ({ signal }) => api.get<ModelVoices>(voicesPath(modelId), undefined, signal),
    staleTime: 5 * 60_000,
  });

/** The voices of a call model; idle while no model is chosen. */
export function useVoices(modelId: string | null) {
  const companyId = useCompanyId();
  return useQuery({ ...voicesQuery(companyId, modelId ?? ''), enabled: modelId !== null });
}

/** A spoken sample of a voice as WAV; rejects with the server's reason (503 for realtime providers). */
export async function fetchVoicePreview(modelId: string, voice: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${voicesPath(modelId)}/${encodeURIComponent(voice)}/preview`, {
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    throw apiErrorFrom(response.status, await response.json().catch(() => undefined));
  }
  return response.blob();
}

/** Whether the local voice engine's speech packages are installed on this server. */
export function useLocalVoiceHealth() {
  return useQuery({
    queryKey: healthKey,
    // /api/health answers 503 when the database is down, still with the local engine's state.
    queryFn: async ({ signal }) => {
      const response = await fetch('/api/health', {
        signal,
        headers: { accept: 'application/json' },
      });
      const body = (await response.json()) as Health;
      return body.localVoice;
    },
  });
}

const ANALYSIS_POLL_MS = 1500;
/** A call nobody spoke in gets no summary at all, so polling stops after this. */
const ANALYSIS_TIMEOUT_MS = 60_000;

/**
 * A finished call's row, polled until the post-call analysis has written its
 * summary (it runs right after the call ends). `waiting` is false once the
 * summary is there or polling gave up.
 */
export function useAnalyzedCall(callId: string | null) {
  const companyId = useCompanyId();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!callId) return;
    const timer = setTimeout(() => setGaveUp(true), ANALYSIS_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [callId]);
  const query = useQuery({
    queryKey: [...companyKeys.calls(companyId), 'analysis', callId],
    queryFn: async ({ signal }) => {
      const { calls } = await api.get<{ calls: Call[] }>('/api/company/calls', undefined, signal);
      return calls.find((call) => call.id === callId) ?? null;
    },
    enabled: callId !== null,
    refetchInterval: (q) => (q.state.data?.summary || gaveUp ? false : ANALYSIS_POLL_MS),
  });
  const waiting = callId !== null && !query.isError && !query.data?.summary && !gaveUp;
  return { query, waiting };
}
