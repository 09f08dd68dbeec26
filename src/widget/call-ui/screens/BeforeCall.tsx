import type { Ref } from 'preact';
import { icons } from '../../ui/icons';
import { CallOrChat, Screen } from './Screen';

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
      <CallOrChat
        call={{ label: 'Start Call', icon: icons.phone, onClick: onStart }}
        chat={{ label: 'Back to Chat', icon: icons.arrowLeft, onClick: onChat }}
        chatTone="link"
      />
    </Screen>
  );
}
