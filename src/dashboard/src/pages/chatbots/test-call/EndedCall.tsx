import { Phone } from 'lucide-react';
import type { CallState, TranscriptLine } from '../../../../../widget/call/call-types';
import { useAnalyzedCall } from '../../../api/call-options';
import { Button } from '../../../components/ui/Button';
import { formatDurationMs, humanize } from '../../../lib/format';
import { CallSummary } from './CallSummary';
import { CallTranscript } from './CallTranscript';

type EndedState = Extract<CallState, { status: 'ended' }>;

const endReasons: Record<string, string> = {
  caller_ended: 'You ended the call.',
  caller_hangup: 'The connection closed.',
  end_phrase: 'Ended by the end-call phrase.',
  agent_ended: 'The agent ended the call.',
  silence_timeout: 'Ended after a long silence.',
  max_duration: 'Reached the maximum call duration.',
  ended_by_staff: 'Ended by a staff member.',
  provider_unavailable: 'The AI model could not be reached.',
  provider_error: 'The AI model stopped answering.',
  server_shutdown: 'The server restarted.',
  server_restart: 'The server restarted.',
};

type EndedCallProps = {
  state: EndedState;
  transcript: readonly TranscriptLine[];
  agentName: string;
  onRestart: () => void;
};

export function EndedCall({ state, transcript, agentName, onRestart }: EndedCallProps) {
  const analysis = useAnalyzedCall(state.callId);
  const reason = state.message ?? endReasons[state.reason] ?? humanize(state.reason);
  // The server's duration, once the call row is read, is the one Calls shows.
  const durationMs = analysis.query.data?.durationMs ?? state.durationMs;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <p role="status" className="mr-auto text-sm text-slate-700 dark:text-slate-300">
          <span className="font-semibold text-slate-900 dark:text-slate-50">Call ended</span>
          {' · '}
          <span className="tabular-nums">{formatDurationMs(durationMs)}</span>
          {' · '}
          {reason}
        </p>
        <Button size="sm" onClick={onRestart}>
          <Phone className="size-3.5" aria-hidden="true" />
          Call again
        </Button>
      </div>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto p-4">
        <CallSummary analysis={analysis} />
        <section aria-labelledby="call-transcript-title" className="space-y-3">
          <h3
            id="call-transcript-title"
            className="text-sm font-semibold text-slate-900 dark:text-slate-50"
          >
            Transcript
          </h3>
          <CallTranscript lines={transcript} agentName={agentName} live={false} />
        </section>
      </div>
    </div>
  );
}
