import type { Ref } from 'preact';
import { Icon } from '../../ui/Icon';
import { icons } from '../../ui/icons';
import { Actions, CallOrChat, Screen } from './Screen';

type ProblemProps = {
  headingRef: Ref<HTMLHeadingElement>;
  onChat(): void;
};

export function MicrophoneDenied({
  headingRef,
  onRetry,
  onChat,
}: ProblemProps & { onRetry(): void }) {
  return (
    <Screen
      title="Microphone Access Required"
      headingRef={headingRef}
      icon={icons.micOff}
      tone="danger"
    >
      <p class="bz-call-text">To talk to us, this site needs your microphone.</p>
      <ol class="bz-steps">
        <li>Click the icon at the left of your browser's address bar.</li>
        <li>Set Microphone to Allow for this site.</li>
        <li>Press Try Again.</li>
      </ol>
      <CallOrChat
        call={{ label: 'Try Again', icon: icons.retry, onClick: onRetry }}
        chat={{ label: 'Use Chat Instead', icon: icons.chat, onClick: onChat }}
      />
    </Screen>
  );
}

export function CallFailed({
  headingRef,
  message,
  onRetry,
  onChat,
}: ProblemProps & { message: string; onRetry(): void }) {
  return (
    <Screen title="Unable to connect" headingRef={headingRef} icon={icons.wifiOff} tone="danger">
      <p class="bz-call-text">{message || 'The call could not be connected.'}</p>
      <CallOrChat
        call={{ label: 'Retry Call', icon: icons.retry, onClick: onRetry }}
        chat={{ label: 'Start Chat', icon: icons.chat, onClick: onChat }}
      />
    </Screen>
  );
}

export const CALL_UNAVAILABLE_TEXT = 'Voice calls temporarily unavailable';

export function CallUnavailable({
  headingRef,
  message,
  onChat,
}: Omit<ProblemProps, 'onChat'> & { message: string; onChat: (() => void) | null }) {
  return (
    <Screen
      title={CALL_UNAVAILABLE_TEXT}
      headingRef={headingRef}
      icon={icons.phoneOff}
      tone="muted"
    >
      {message && message !== CALL_UNAVAILABLE_TEXT && <p class="bz-call-text">{message}</p>}
      {onChat && (
        <>
          <p class="bz-call-text">You can still ask us anything in the chat.</p>
          <Actions>
            <button type="button" class="bz-button" onClick={onChat}>
              <Icon paths={icons.chat} />
              Use Chat Instead
            </button>
          </Actions>
        </>
      )}
    </Screen>
  );
}
