import { ChoiceField, ColorField, NumberField, TextField } from './fields';
import { FormSection, type SectionProps } from './section';
import { themeLabels } from './widget-form';

export function AppearanceSection({ values, set, errors, disabled }: SectionProps) {
  return (
    <FormSection title="Appearance" description="Colours, shape and font of the chat window.">
      <ChoiceField
        label="Theme"
        className="sm:col-span-2"
        value={values.theme}
        labels={themeLabels}
        error={errors.theme}
        disabled={disabled}
        onChange={(v) => set('theme', v)}
      />
      <ColorField
        label="Primary colour"
        value={values.primaryColor}
        error={errors.primaryColor}
        disabled={disabled}
        hint="Header, launcher and buttons."
        onChange={(v) => set('primaryColor', v)}
      />
      <ColorField
        label="Text on primary"
        value={values.primaryTextColor}
        error={errors.primaryTextColor}
        disabled={disabled}
        hint="Text and icons on the primary colour."
        onChange={(v) => set('primaryTextColor', v)}
      />
      <ColorField
        label="Background colour"
        value={values.backgroundColor}
        error={errors.backgroundColor}
        disabled={disabled}
        onChange={(v) => set('backgroundColor', v)}
      />
      <ColorField
        label="Text colour"
        value={values.textColor}
        error={errors.textColor}
        disabled={disabled}
        onChange={(v) => set('textColor', v)}
      />
      <NumberField
        label="Corner radius"
        value={values.borderRadius}
        min={0}
        max={32}
        unit="px"
        error={errors.borderRadius}
        disabled={disabled}
        onChange={(v) => set('borderRadius', v)}
      />
      <TextField
        label="Font family"
        value={values.fontFamily}
        maxLength={120}
        error={errors.fontFamily}
        disabled={disabled}
        hint="A CSS font stack, e.g. Inter, system-ui, sans-serif."
        onChange={(v) => set('fontFamily', v)}
      />
    </FormSection>
  );
}
