import { SwitchField } from '../../../components/ui/Switch';
import { NumberField, TextField } from './fields';
import { FormSection, type SectionProps } from './section';

export function BehaviorSection({ values, set, errors, disabled }: SectionProps) {
  return (
    <FormSection title="Behaviour" description="How the widget opens and what it asks for.">
      <SwitchField
        className="sm:col-span-2"
        label="Show avatar"
        description="Shows an avatar next to the title and the assistant's messages."
        checked={values.showAvatar}
        disabled={disabled}
        onCheckedChange={(v) => set('showAvatar', v)}
      />
      {values.showAvatar && (
        <TextField
          className="sm:col-span-2"
          type="url"
          label="Avatar URL"
          value={values.avatarUrl}
          maxLength={500}
          placeholder="https://example.com/avatar.png"
          hint="Leave empty to show the title's first letter."
          error={errors.avatarUrl}
          disabled={disabled}
          onChange={(v) => set('avatarUrl', v)}
        />
      )}
      <SwitchField
        className="sm:col-span-2"
        label="Show “Powered by Buzzi”"
        checked={values.showBranding}
        disabled={disabled}
        onCheckedChange={(v) => set('showBranding', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Open automatically"
        description="Opens the chat window by itself after a delay on the first visit."
        checked={values.autoOpen}
        disabled={disabled}
        onCheckedChange={(v) => set('autoOpen', v)}
      />
      {values.autoOpen && (
        <NumberField
          label="Open after"
          value={values.autoOpenDelayMs}
          min={0}
          max={60_000}
          step={500}
          unit="ms"
          error={errors.autoOpenDelayMs}
          disabled={disabled}
          onChange={(v) => set('autoOpenDelayMs', v)}
        />
      )}
      <SwitchField
        className="sm:col-span-2"
        label="Sound on new messages"
        checked={values.soundEnabled}
        disabled={disabled}
        onCheckedChange={(v) => set('soundEnabled', v)}
      />
      <SwitchField
        className="sm:col-span-2"
        label="Ask for email"
        description="Asks visitors for their email address before the conversation starts."
        checked={values.collectEmail}
        disabled={disabled}
        onCheckedChange={(v) => set('collectEmail', v)}
      />
      <NumberField
        label="Message length limit"
        value={values.inputMaxLength}
        min={50}
        max={4000}
        unit="characters"
        error={errors.inputMaxLength}
        disabled={disabled}
        onChange={(v) => set('inputMaxLength', v)}
      />
    </FormSection>
  );
}
