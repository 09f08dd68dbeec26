import type { Ref } from 'preact';
import { Icon } from '../../ui/Icon';
import { icons } from '../../ui/icons';
import { Actions, Screen } from './Screen';

type BeforeCallProps = {
  headingRef: Ref<HTMLHeadingElement>;
  welcome: string;
  onStart(): void;
  onChat(): void;
};

export function BeforeCall({ headingRef, welcome, onStart, onChat }: BeforeCallProps) {
  return (
    <Screen title="Start Voice Call" headingRef={headingRef} icon={icons.phone}>
      {welcome && <p class="bz-call-text">{welcome}</p>}
      <p class="bz-call-hint">Your browser will ask to use your microphone.</p>
      <Actions>
        <button type="button" class="bz-button" data-tone="call" onClick={onStart}>
          <Icon paths={icons.phone} />
          Start Call
        </button>
        <button type="button" class="bz-button" data-tone="link" onClick={onChat}>
          <Icon paths={icons.arrowLeft} />
          Back to Chat
        </button>
      </Actions>
    </Screen>
  );
}
