import { useQueryClient } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useCallModelReadiness, useVoices, voicesQuery } from '../../../api/call-options';
import { useCompanyAiModels } from '../../../api/catalog';
import { useCompanyId } from '../../../api/company-scope';
import { FormField } from '../../../components/ui/FormField';
import { Select } from '../../../components/ui/Select';
import { humanize } from '../../../lib/format';
import { providerLabel } from '../../../lib/labels';
import { FormSection } from '../widget/section';
import { formatSpeed } from './call-options-form';
import { LocalEngineStatus } from './LocalEngineStatus';
import { SliderField } from './SliderField';
import type { CallSectionProps } from './section-props';
import { VoicePreviewButton } from './VoicePreviewButton';

// Radix Select items cannot have an empty value, so the platform default gets a sentinel.
const platformDefault = '__default__';

export function VoiceSection({
  values,
  set,
  edit,
  errors,
  defaultModelWarning,
}: CallSectionProps & {
  /** What stops the platform default from taking calls here, when it is the saved choice. */
  defaultModelWarning?: string | undefined;
}) {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  const models = useCompanyAiModels('call');
  const voices = useVoices(values.modelId);
  const selectedModel = models.data?.find((m) => m.id === values.modelId);
  const readiness = useCallModelReadiness();
  const modelProblem = values.modelId ? readiness.data?.get(values.modelId) : defaultModelWarning;

  const modelOptions = [
    { value: platformDefault, label: 'Platform default' },
    ...(models.data ?? []).map((m) => ({
      value: m.id,
      label: `${m.displayName} · ${providerLabel(m.provider)}`,
    })),
  ];
  if (values.modelId && models.data && !selectedModel) {
    modelOptions.push({ value: values.modelId, label: 'Current model (no longer available)' });
  }

  const chooseModel = async (next: string) => {
    const modelId = next === platformDefault ? null : next;
    set('modelId', modelId);
    if (!modelId) return;
    // A voice of the previous model means nothing to the new one: start from its first voice.
    // A failed load shows on the voice field, from useVoices.
    const loaded = await queryClient.fetchQuery(voicesQuery(companyId, modelId)).catch(() => null);
    const offered = loaded?.voices ?? [];
    const first = offered[0];
    edit((current) =>
      current.modelId === modelId && first && !offered.some((v) => v.id === current.voice)
        ? { ...current, voice: first.id }
        : current,
    );
  };

  const offered = voices.data?.voices ?? [];
  const known = offered.find((v) => v.id === values.voice);
  const voiceOptions = [
    ...offered.map((v) => ({ value: v.id, label: v.label })),
    ...(known || !voices.data
      ? []
      : [{ value: values.voice, label: `${humanize(values.voice)} (not a voice of this model)` }]),
  ];
  const voiceHint = !values.modelId
    ? 'Choose a model to pick one of its voices.'
    : voices.data && !known
      ? "Calls use this model's default voice until you choose one of its own."
      : voices.data && !voices.data.canPreview
        ? (voices.data.reason ?? 'Previews are not available for this model.')
        : undefined;
  const isLocal = selectedModel?.provider === 'local';

  return (
    <FormSection
      title="Model and voice"
      description="Which AI model answers the calls and how it sounds."
    >
      <FormField
        label="Call model"
        error={errors.modelId}
        hint={
          modelProblem ? (
            <span
              data-testid="call-model-warning"
              className="flex gap-1.5 font-medium text-amber-800 dark:text-amber-300"
            >
              <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
              {modelProblem}
            </span>
          ) : undefined
        }
      >
        {(control) => (
          <Select
            {...control}
            value={values.modelId ?? platformDefault}
            options={modelOptions}
            disabled={models.isPending}
            placeholder={models.isPending ? 'Loading models…' : 'Select a model'}
            onValueChange={(next) => void chooseModel(next)}
          />
        )}
      </FormField>
      <FormField
        label="Voice"
        error={errors.voice ?? (voices.isError ? 'Could not load the voices.' : undefined)}
        hint={voiceHint}
      >
        {(control) => (
          <div className="flex flex-wrap gap-2">
            <Select
              {...control}
              className="min-w-0 flex-1"
              value={values.modelId ? values.voice : platformDefault}
              options={
                values.modelId
                  ? voiceOptions
                  : [{ value: platformDefault, label: humanize(values.voice) }]
              }
              disabled={!values.modelId || !voices.data}
              placeholder={voices.isPending ? 'Loading voices…' : 'Select a voice'}
              onValueChange={(next) => set('voice', next)}
            />
            {values.modelId && (
              <VoicePreviewButton
                key={`${values.modelId}:${values.voice}`}
                modelId={values.modelId}
                voice={values.voice}
                voiceLabel={known?.label ?? humanize(values.voice)}
                unavailableReason={
                  !voices.data || !known
                    ? 'Choose a voice of this model first'
                    : voices.data.canPreview
                      ? null
                      : (voices.data.reason ?? 'Previews are not available for this model')
                }
              />
            )}
          </div>
        )}
      </FormField>
      <SliderField
        className="sm:col-span-2"
        label="Speaking speed"
        value={values.speed}
        min={0.5}
        max={2}
        step={0.05}
        format={formatSpeed}
        ends={['Slower', 'Faster']}
        error={errors.speed}
        onChange={(v) => set('speed', v)}
      />
      {(isLocal || !values.modelId) && (
        <div className="min-w-0 sm:col-span-2">
          <LocalEngineStatus asDefault={!values.modelId} />
        </div>
      )}
    </FormSection>
  );
}
