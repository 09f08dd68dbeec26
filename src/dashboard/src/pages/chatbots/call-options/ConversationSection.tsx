import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { Textarea } from '../../../components/ui/Textarea';
import { internationalPhoneNumber } from '../../../lib/phone';
import { FormSection } from '../widget/section';
import { END_PHRASE_MAX, formatMinutes, formatSeconds, GREETING_MAX } from './call-options-form';
import { SliderField } from './SliderField';
import type { CallSectionProps } from './section-props';

const count = (text: string, max: number) => `${text.length} / ${max} characters.`;

function transferHint(typed: string | null): string {
  const number = typed ? internationalPhoneNumber(typed) : null;
  const where = number ? `, ${number}` : '';
  return `On a phone call, when the caller asks for a person, the agent hands them to this number${where}. Leave empty to take a message instead. Include + and the country code.`;
}

export function ConversationSection({ values, set, errors }: CallSectionProps) {
  return (
    <FormSection
      title="Conversation"
      description="How a call opens, how the caller can end it and when it ends by itself."
    >
      <FormField
        className="sm:col-span-2"
        label="Greeting"
        error={errors.greeting}
        hint={`Spoken as soon as the call connects; leave empty to let the caller speak first. ${count(values.greeting, GREETING_MAX)}`}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            value={values.greeting}
            placeholder="Hello, thanks for calling. How can I help you today?"
            onChange={(e) => set('greeting', e.target.value)}
          />
        )}
      </FormField>
      <FormField
        className="sm:col-span-2"
        label="End-call phrase"
        error={errors.endCallPhrase}
        hint={`When the caller says it, the agent says goodbye and hangs up; leave empty to turn this off. ${count(values.endCallPhrase, END_PHRASE_MAX)}`}
      >
        {(control) => (
          <Input
            {...control}
            value={values.endCallPhrase}
            placeholder="goodbye"
            onChange={(e) => set('endCallPhrase', e.target.value)}
          />
        )}
      </FormField>
      <FormField
        className="sm:col-span-2"
        label="Transfer number"
        error={errors.transferNumber}
        hint={transferHint(values.transferNumber)}
      >
        {(control) => (
          <Input
            {...control}
            type="tel"
            autoComplete="off"
            value={values.transferNumber ?? ''}
            placeholder="+1 555 123 4567"
            onChange={(e) => set('transferNumber', e.target.value || null)}
          />
        )}
      </FormField>
      <SliderField
        label="Silence timeout"
        value={values.silenceTimeoutSec}
        min={30}
        max={300}
        step={5}
        format={formatSeconds}
        hint="The call ends after this long without the caller saying anything."
        error={errors.silenceTimeoutSec}
        onChange={(v) => set('silenceTimeoutSec', v)}
      />
      <SliderField
        label="Maximum call duration"
        value={values.maxDurationMin}
        min={1}
        max={60}
        step={1}
        format={formatMinutes}
        hint="The agent wraps up and ends the call at this limit."
        error={errors.maxDurationMin}
        onChange={(v) => set('maxDurationMin', v)}
      />
    </FormSection>
  );
}
