import { Plus, X } from 'lucide-react';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { FormSection, type SectionProps } from './section';

const maxQuestions = 5;

export function SuggestedQuestionsSection({ values, set, errors, disabled }: SectionProps) {
  const questions = values.suggestedQuestions;
  const update = (next: string[]) => set('suggestedQuestions', next);

  return (
    <FormSection
      title="Suggested questions"
      description={`Shown as buttons under the welcome message. Up to ${maxQuestions}.`}
    >
      <div className="space-y-3 sm:col-span-2">
        {questions.length === 0 && (
          <p className="text-sm text-slate-500 dark:text-slate-400">No suggested questions yet.</p>
        )}
        <ol className="space-y-2">
          {questions.map((question, index) => {
            const error = errors[`suggestedQuestions.${index}`];
            const id = `suggested-question-${index}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is edited by position
              <li key={index} className="space-y-1">
                <label htmlFor={id} className="sr-only">
                  {`Suggested question ${index + 1}`}
                </label>
                <div className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className="w-5 shrink-0 text-right text-xs tabular-nums text-slate-400"
                  >
                    {index + 1}.
                  </span>
                  <Input
                    id={id}
                    value={question}
                    maxLength={120}
                    disabled={disabled}
                    placeholder="e.g. What are your opening hours?"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) =>
                      update(questions.map((q, i) => (i === index ? e.target.value : q)))
                    }
                  />
                  {!disabled && (
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove question ${index + 1}`}
                      onClick={() => update(questions.filter((_, i) => i !== index))}
                    >
                      <X className="size-4" aria-hidden="true" />
                    </Button>
                  )}
                </div>
                {error && (
                  <p
                    id={`${id}-error`}
                    className="pl-7 text-xs font-medium text-red-600 dark:text-red-400"
                  >
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
        {errors.suggestedQuestions && (
          <p className="text-xs font-medium text-red-600 dark:text-red-400">
            {errors.suggestedQuestions}
          </p>
        )}
        {!disabled && (
          <Button
            size="sm"
            disabled={questions.length >= maxQuestions}
            onClick={() => update([...questions, ''])}
          >
            <Plus className="size-3.5" aria-hidden="true" />
            Add question
          </Button>
        )}
      </div>
    </FormSection>
  );
}
