import type { Ref } from 'preact';
import { icons } from '../../ui/icons';
import { Actions, Screen } from './Screen';

type PendingProps = { headingRef: Ref<HTMLHeadingElement>; onCancel(): void };

export function RequestingMicrophone({ headingRef, onCancel }: PendingProps) {
  return (
    <Screen title="Requesting microphone…" headingRef={headingRef} icon={icons.mic}>
      <p class="bz-call-text">
        Allow microphone access in your browser's prompt so the assistant can hear you.
      </p>
      <Actions>
        <button type="button" class="bz-button" data-tone="link" onClick={onCancel}>
          Cancel
        </button>
      </Actions>
    </Screen>
  );
}

export function Connecting({ headingRef, onCancel }: PendingProps) {
  return (
    <Screen title="Connecting…" headingRef={headingRef}>
      <span class="bz-spinner" aria-hidden="true" />
      <p class="bz-call-text">Putting you through to our assistant.</p>
      <Actions>
        <button type="button" class="bz-button" data-tone="link" onClick={onCancel}>
          Cancel
        </button>
      </Actions>
    </Screen>
  );
}
