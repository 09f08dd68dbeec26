import { SwitchField } from '../../../components/ui/Switch';
import { FormSection } from '../widget/section';
import { formatThreshold } from './call-options-form';
import { SliderField } from './SliderField';
import type { CallSectionProps } from './section-props';

export function AudioSection({ values, set, errors }: CallSectionProps) {
  return (
    <FormSection title="Audio" description="How the caller's microphone is heard.">
      <SliderField
        className="sm:col-span-2"
        label="Voice detection sensitivity"
        value={values.vadThreshold}
        min={0}
        max={1}
        step={0.05}
        format={formatThreshold}
        ends={['Hears quiet voices', 'Ignores background noise']}
        hint="How sure the agent must be that the caller is speaking. Raise it for noisy places."
        error={errors.vadThreshold}
        onChange={(v) => set('vadThreshold', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Echo cancellation"
        description="Keeps the agent from hearing itself through the caller's speakers."
        checked={values.echoCancellation}
        onCheckedChange={(v) => set('echoCancellation', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Noise suppression"
        description="Filters steady background noise out of the caller's microphone."
        checked={values.noiseSuppression}
        onCheckedChange={(v) => set('noiseSuppression', v)}
      />
    </FormSection>
  );
}
