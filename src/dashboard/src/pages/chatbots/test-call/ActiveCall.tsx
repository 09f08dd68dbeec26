import { Mic, MicOff, PhoneOff } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type {
  CallController,
  CallState,
  TranscriptLine,
} from '../../../../../widget/call/call-types';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { formatDurationMs } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { CallTranscript } from './CallTranscript';
import { LevelMeter } from './LevelMeter';

type ActiveState = Extract<CallState, { status: 'active' }>;

const speakingBadges: Record<'agent' | 'caller' | 'none', { label: string; tone: BadgeTone }> = {
  agent: { label: 'Agent speaking', tone: 'green' },
  caller: { label: 'You are speaking', tone: 'blue' },
  none: { label: 'Listening', tone: 'neutral' },
};

type ActiveCallProps = {
  controller: CallController;
  state: ActiveState;
  transcript: readonly TranscriptLine[];
  agentName: string;
};

export function ActiveCall({ controller, state, transcript, agentName }: ActiveCallProps) {
  const now = useNow(1000);
  const scroller = useRef<HTMLDivElement>(null);
  const speaking = speakingBadges[state.speaking ?? 'none'];

  // Keeps the newest line in view as the transcript grows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new transcript
  useEffect(() => {
    const node = scroller.current;
    if (node) node.scrollTop = node.scrollHeight;
  }, [transcript]);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-col items-center gap-4 border-b border-slate-200 px-4 py-6 dark:border-slate-800">
        <div className="flex flex-wrap items-center justify-center gap-3">
          <span
            role="timer"
            aria-label="Call duration"
            className="font-mono text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50"
          >
            {formatDurationMs(Math.max(0, now - state.startedAt))}
          </span>
          <Badge tone={speaking.tone} aria-live="polite">
            {speaking.label}
          </Badge>
          {state.muted && <Badge tone="amber">Muted</Badge>}
        </div>
        <LevelMeter controller={controller} />
        <div className="flex gap-3">
          <Button aria-pressed={state.muted} onClick={() => controller.setMuted(!state.muted)}>
            {state.muted ? (
              <MicOff className="size-4" aria-hidden="true" />
            ) : (
              <Mic className="size-4" aria-hidden="true" />
            )}
            {state.muted ? 'Unmute' : 'Mute'}
          </Button>
          <Button variant="danger" onClick={() => controller.end()}>
            <PhoneOff className="size-4" aria-hidden="true" />
            End call
          </Button>
        </div>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto p-4">
        <CallTranscript lines={transcript} agentName={agentName} live />
      </div>
    </div>
  );
}
