import type { Ref } from 'preact';
import { icons } from '../../ui/icons';
import { CallOrChat, Screen } from './Screen';

type BeforeCallProps = {
  headingRef: Ref<HTMLHeadingElement>;
  welcome: string;
  /** The chatbot records its calls: said before the caller starts one. */
  recorded: boolean;
  onStart(): void;
  onChat(): void;
};

export function BeforeCall({ headingRef, welcome, recorded, onStart, onChat }: BeforeCallProps) {
  return (
    <Screen title="Start Voice Call" headingRef={headingRef} icon={icons.phone}>
      {welcome && <p class="bz-call-text">{welcome}</p>}
      <p class="bz-call-hint">Your browser will ask to use your microphone.</p>
      {recorded && <p class="bz-call-hint">This call is recorded.</p>}
      <CallOrChat
        call={{ label: 'Start Call', icon: icons.phone, onClick: onStart }}
        chat={{ label: 'Back to Chat', icon: icons.arrowLeft, onClick: onChat }}
        chatTone="link"
      />
    </Screen>
  );
}
