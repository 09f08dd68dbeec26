import { type FormEvent, useRef, useState } from 'react';
import type { WidgetCallSettings, WidgetSettings } from '../../../../../shared/chatbot-settings';
import { useUpdateChatbot } from '../../../api/chatbots';
import type { Chatbot } from '../../../api/types';
import { StickySaveBar } from '../../../components/StickySaveBar';
import { useToast } from '../../../components/ui/toast-context';
import { errorMessage, fieldErrors } from '../../../lib/errors';
import { AppearanceSection } from './AppearanceSection';
import { BehaviorSection } from './BehaviorSection';
import { CallButtonSection } from './CallButtonSection';
import { EmbedSnippet } from './EmbedSnippet';
import { LauncherSection } from './LauncherSection';
import { SuggestedQuestionsSection } from './SuggestedQuestionsSection';
import type { SectionProps } from './section';
import { TextsSection } from './TextsSection';
import { WidgetPreview } from './WidgetPreview';
import { validateWidget, widgetValuesOf } from './widget-form';

export function WidgetTab({ chatbot, readOnly }: { chatbot: Chatbot; readOnly: boolean }) {
  const update = useUpdateChatbot(chatbot.id);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const saved = widgetValuesOf(chatbot);
  const [values, setValues] = useState<WidgetSettings>(saved);
  const [validated, setValidated] = useState(false);
  const isCall = chatbot.chatbotType === 'call';
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  // Client errors appear after the first save attempt; server errors until the next edit.
  const errors = {
    ...fieldErrors(update.error, 'settings.widget.'),
    ...(validated ? validateWidget(values) : {}),
  };

  const edit = (change: (current: WidgetSettings) => WidgetSettings) => {
    if (update.isError) update.reset();
    setValues(change);
  };
  const set: SectionProps['set'] = (key, value) => edit((c) => ({ ...c, [key]: value }));
  const setCall = <K extends keyof WidgetCallSettings>(key: K, value: WidgetCallSettings[K]) =>
    edit((c) => ({ ...c, call: { ...c.call, [key]: value } }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setValidated(true);
    if (Object.keys(validateWidget(values)).length > 0) {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    update.mutate(
      { settings: { widget: values } },
      { onSuccess: () => toast({ title: 'Widget settings saved' }) },
    );
  };

  const sectionProps: SectionProps = { values, set, setCall, errors, disabled: readOnly };
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="space-y-6">
      <EmbedSnippet publicId={chatbot.publicId} />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_320px] xl:grid-cols-[minmax(0,1fr)_360px]">
          <div className="min-w-0 space-y-6">
            <TextsSection {...sectionProps} />
            <SuggestedQuestionsSection {...sectionProps} />
            <AppearanceSection {...sectionProps} />
            <LauncherSection {...sectionProps} />
            {isCall && <CallButtonSection {...sectionProps} />}
            <BehaviorSection {...sectionProps} />
          </div>
          <aside
            aria-labelledby="widget-preview-title"
            className="space-y-2 lg:sticky lg:top-20 lg:self-start"
          >
            <div className="flex items-baseline justify-between">
              <h2
                id="widget-preview-title"
                className="text-sm font-semibold text-slate-900 dark:text-slate-50"
              >
                Preview
              </h2>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                Unsaved changes included
              </span>
            </div>
            <WidgetPreview values={values} showCallButton={isCall} />
          </aside>
        </div>
        {!readOnly && (
          <StickySaveBar
            saveLabel="Save widget"
            dirty={dirty}
            pending={update.isPending}
            hasFieldErrors={hasErrors}
            formError={update.isError ? errorMessage(update.error) : null}
            onDiscard={() => {
              setValues(saved);
              setValidated(false);
              update.reset();
            }}
          />
        )}
      </form>
    </div>
  );
}
