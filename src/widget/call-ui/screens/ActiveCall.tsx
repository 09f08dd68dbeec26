import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WidgetCallSettings } from '../../../shared/chatbot-settings';
import type { CallController, CallState, TranscriptLine } from '../../call/call-types';
import { Icon } from '../../ui/Icon';
import { icons } from '../../ui/icons';
import { CallTranscript } from '../CallTranscript';
import { formatDuration } from '../format';
import { Visualizer } from '../Visualizer';

type ActiveState = Extract<CallState, { status: 'active' }>;

type ActiveCallProps = {
  headingRef: Ref<HTMLHeadingElement>;
  state: ActiveState;
  controller: CallController;
  transcript: readonly TranscriptLine[];
  settings: WidgetCallSettings;
  agentName: string;
  /** The chatbot records its calls. */
  recorded: boolean;
};

function speakingText(state: ActiveState): string {
  if (state.speaking === 'agent') return 'Agent speaking…';
  if (state.speaking === 'caller') return 'You are speaking…';
  return state.muted ? 'You are muted' : 'Listening…';
}

export function ActiveCall({
  headingRef,
  state,
  controller,
  transcript,
  settings,
  agentName,
  recorded,
}: ActiveCallProps) {
  const elapsedMs = useElapsed(state.startedAt, settings.showDuration);
  return (
    <div class="bz-call-screen" data-active>
      <h3 ref={headingRef} tabIndex={-1}>
        Call in Progress
      </h3>
      {settings.showDuration && (
        <p class="bz-duration">
          <span class="bz-sr-only">Duration </span>
          <time>{formatDuration(elapsedMs)}</time>
        </p>
      )}
      {recorded && <p class="bz-recorded">This call is recorded</p>}
      <Visualizer controller={controller} style={settings.visualizerStyle} />
      <p class="bz-speaking" data-speaking={state.speaking ?? 'none'}>
        {speakingText(state)}
      </p>
      {settings.showTranscript && <CallTranscript lines={transcript} agentName={agentName} />}
      <div class="bz-call-controls">
        <button
          type="button"
          class="bz-button"
          data-tone="secondary"
          aria-pressed={state.muted}
          onClick={() => controller.setMuted(!state.muted)}
        >
          <Icon paths={state.muted ? icons.micOff : icons.mic} />
          {state.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" class="bz-button" data-tone="danger" onClick={() => controller.end()}>
          <Icon paths={icons.phoneOff} />
          End Call
        </button>
      </div>
    </div>
  );
}

/** Milliseconds since `startedAt`, ticking once a second while shown. */
function useElapsed(startedAt: number, ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now - startedAt;
}
