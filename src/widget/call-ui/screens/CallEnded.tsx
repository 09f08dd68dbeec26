import type { Ref } from 'preact';
import type { CallController, CallState } from '../../call/call-types';
import { Icon } from '../../ui/Icon';
import { icons } from '../../ui/icons';
import { downloadTranscript } from '../download-transcript';
import { formatDuration, spokenDuration } from '../format';
import { StarRating } from '../StarRating';
import { CallOrChat, Screen } from './Screen';

type EndedState = Extract<CallState, { status: 'ended' }>;

type CallEndedProps = {
  headingRef: Ref<HTMLHeadingElement>;
  state: EndedState;
  controller: CallController;
  hasTranscript: boolean;
  onChat(): void;
  onCallAgain(): void;
};

function noticeOf(state: EndedState): string | null {
  if (state.message) return state.message;
  return state.reason === 'silence_timeout' ? 'Call ended due to inactivity' : null;
}

export function CallEnded({
  headingRef,
  state,
  controller,
  hasTranscript,
  onChat,
  onCallAgain,
}: CallEndedProps) {
  const notice = noticeOf(state);
  return (
    <Screen title="Thank you for calling!" headingRef={headingRef} icon={icons.phone}>
      {notice && <p class="bz-notice">{notice}</p>}
      <p class="bz-call-text">
        Call duration <span aria-hidden="true">{formatDuration(state.durationMs)}</span>
        <span class="bz-sr-only">{spokenDuration(state.durationMs)}</span>
      </p>
      {hasTranscript && (
        <button
          type="button"
          class="bz-button"
          data-tone="secondary"
          onClick={() => downloadTranscript(controller.transcriptText())}
        >
          <Icon paths={icons.download} />
          Download Transcript
        </button>
      )}
      {state.callId && <StarRating onRate={(stars) => controller.rate(stars)} />}
      <CallOrChat
        call={{ label: 'Call Again', icon: icons.phone, onClick: onCallAgain }}
        chat={{ label: 'Start Chat', icon: icons.chat, onClick: onChat }}
      />
    </Screen>
  );
}
