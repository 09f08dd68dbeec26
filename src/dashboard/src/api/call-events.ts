import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { addTranscriptLine, patchCachedCall, refreshCall } from './calls';
import { openEventStream, type StreamState } from './event-stream';
import { companyKeys } from './keys';
import type { Call, CallTranscriptLine } from './types';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const callIdOf = (data: unknown): string | null =>
  isObject(data) && typeof data.callId === 'string' ? data.callId : null;

function isTranscriptLine(value: unknown): value is CallTranscriptLine {
  return (
    isObject(value) &&
    typeof value.seq === 'number' &&
    typeof value.speaker === 'string' &&
    typeof value.text === 'string'
  );
}

/**
 * Follows the company's call events while the Calls page is open: new and
 * changed calls refetch the lists and counts, spoken lines join an open call's
 * transcript as they arrive.
 */
export function useCallEventStream(companyId: string): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const changed = (data: unknown) => {
      const callId = callIdOf(data);
      if (!callId || !isObject(data)) return;
      // Shown at once; the refetch then places it in (or out of) each filtered list.
      if (isObject(data.call)) patchCachedCall(queryClient, companyId, callId, data.call as Call);
      refreshCall(queryClient, companyId, callId);
    };
    const stream = openEventStream({
      url: '/api/company/calls/events',
      onStateChange: setState,
      // Calls that started or ended while disconnected are only in the server's lists.
      onOpen: (reconnected) => {
        if (reconnected) refreshCall(queryClient, companyId);
      },
      handlers: {
        'call.created': changed,
        'call.updated': changed,
        'call.ended': changed,
        'call.transcript': (data) => {
          const callId = callIdOf(data);
          if (!callId || !isObject(data)) return;
          if (isTranscriptLine(data.line)) {
            addTranscriptLine(queryClient, companyId, callId, data.line);
          } else {
            void queryClient.invalidateQueries({ queryKey: companyKeys.call(companyId, callId) });
          }
        },
      },
    });
    return () => stream.close();
  }, [companyId, queryClient]);

  return state;
}
