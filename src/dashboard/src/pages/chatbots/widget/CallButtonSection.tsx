import { SwitchField } from '../../../components/ui/Switch';
import { ChoiceField, ColorField, TextAreaField, TextField } from './fields';
import { FormSection, type SectionProps } from './section';
import { callButtonIconLabels, visualizerLabels } from './widget-form';

export function CallButtonSection({ values, setCall, errors, disabled }: SectionProps) {
  const call = values.call;
  return (
    <FormSection
      title="Call button"
      description="Visitors press it to talk to the assistant by voice, right in the browser."
    >
      <TextField
        label="Button text"
        value={call.buttonText}
        maxLength={40}
        error={errors['call.buttonText']}
        disabled={disabled}
        onChange={(v) => setCall('buttonText', v)}
      />
      <ChoiceField
        label="Button icon"
        value={call.buttonIcon}
        labels={callButtonIconLabels}
        error={errors['call.buttonIcon']}
        disabled={disabled}
        onChange={(v) => setCall('buttonIcon', v)}
      />
      <ColorField
        label="Button colour"
        value={call.buttonColor}
        error={errors['call.buttonColor']}
        disabled={disabled}
        onChange={(v) => setCall('buttonColor', v)}
      />
      <ChoiceField
        label="Visualizer"
        value={call.visualizerStyle}
        labels={visualizerLabels}
        error={errors['call.visualizerStyle']}
        disabled={disabled}
        hint="The animation shown while the assistant speaks."
        onChange={(v) => setCall('visualizerStyle', v)}
      />
      <TextAreaField
        className="sm:col-span-2"
        label="Call welcome message"
        value={call.welcomeMessage}
        maxLength={500}
        error={errors['call.welcomeMessage']}
        disabled={disabled}
        hint="Shown on the call screen before the call starts."
        onChange={(v) => setCall('welcomeMessage', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Show call duration"
        checked={call.showDuration}
        disabled={disabled}
        onCheckedChange={(v) => setCall('showDuration', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Show live transcript"
        description="Shows what the caller and the assistant say as text during the call."
        checked={call.showTranscript}
        disabled={disabled}
        onCheckedChange={(v) => setCall('showTranscript', v)}
      />
    </FormSection>
  );
}
