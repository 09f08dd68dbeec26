import { TextAreaField, TextField } from './fields';
import { FormSection, type SectionProps } from './section';

export function TextsSection({ values, set, errors, disabled }: SectionProps) {
  return (
    <FormSection title="Texts" description="What visitors read in the chat window.">
      <TextField
        label="Title"
        value={values.title}
        maxLength={60}
        error={errors.title}
        disabled={disabled}
        onChange={(v) => set('title', v)}
      />
      <TextField
        label="Subtitle"
        value={values.subtitle}
        maxLength={120}
        error={errors.subtitle}
        disabled={disabled}
        onChange={(v) => set('subtitle', v)}
      />
      <TextAreaField
        label="Welcome message"
        className="sm:col-span-2"
        value={values.welcomeMessage}
        maxLength={1000}
        error={errors.welcomeMessage}
        disabled={disabled}
        hint="The first message visitors see when they open the chat."
        onChange={(v) => set('welcomeMessage', v)}
      />
      <TextField
        label="Input placeholder"
        value={values.placeholder}
        maxLength={100}
        error={errors.placeholder}
        disabled={disabled}
        onChange={(v) => set('placeholder', v)}
      />
      <TextField
        label="Send button text"
        value={values.sendButtonText}
        maxLength={20}
        error={errors.sendButtonText}
        disabled={disabled}
        onChange={(v) => set('sendButtonText', v)}
      />
    </FormSection>
  );
}
