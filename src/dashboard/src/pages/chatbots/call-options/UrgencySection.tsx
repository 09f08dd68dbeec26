import { FormField } from '../../../components/ui/FormField';
import { FormSection } from '../widget/section';
import { KEYWORD_MAX, KEYWORDS_MAX } from './call-options-form';
import { KeywordsInput } from './KeywordsInput';
import type { CallSectionProps } from './section-props';

export function UrgencySection({ values, set, errors }: CallSectionProps) {
  const keywordError =
    errors.urgentKeywords ??
    Object.entries(errors).find(([key]) => key.startsWith('urgentKeywords.'))?.[1];
  return (
    <FormSection
      title="Urgent calls"
      description="A call whose transcript mentions one of these words is marked urgent in Calls, besides the AI's own judgement."
    >
      <FormField
        className="sm:col-span-2"
        label="Urgent keywords"
        error={keywordError}
        hint={`Press Enter or type a comma after each word. Up to ${KEYWORDS_MAX}.`}
      >
        {(control) => (
          <KeywordsInput
            control={control}
            value={values.urgentKeywords}
            max={KEYWORDS_MAX}
            maxLength={KEYWORD_MAX}
            placeholder="Add a keyword"
            onChange={(next) => set('urgentKeywords', next)}
          />
        )}
      </FormField>
    </FormSection>
  );
}
