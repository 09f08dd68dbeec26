import { ChoiceField, NumberField } from './fields';
import { FormSection, type SectionProps } from './section';
import { launcherIconLabels, positionLabels } from './widget-form';

export function LauncherSection({ values, set, errors, disabled }: SectionProps) {
  return (
    <FormSection title="Launcher" description="The round button that opens the chat.">
      <ChoiceField
        label="Icon"
        value={values.launcherIcon}
        labels={launcherIconLabels}
        error={errors.launcherIcon}
        disabled={disabled}
        onChange={(v) => set('launcherIcon', v)}
      />
      <NumberField
        label="Size"
        value={values.launcherSize}
        min={40}
        max={80}
        unit="px"
        error={errors.launcherSize}
        disabled={disabled}
        onChange={(v) => set('launcherSize', v)}
      />
      <ChoiceField
        label="Position"
        className="sm:col-span-2"
        value={values.position}
        labels={positionLabels}
        error={errors.position}
        disabled={disabled}
        onChange={(v) => set('position', v)}
      />
      <NumberField
        label="Horizontal offset"
        value={values.offsetX}
        min={0}
        max={200}
        unit="px"
        error={errors.offsetX}
        disabled={disabled}
        onChange={(v) => set('offsetX', v)}
      />
      <NumberField
        label="Vertical offset"
        value={values.offsetY}
        min={0}
        max={200}
        unit="px"
        error={errors.offsetY}
        disabled={disabled}
        onChange={(v) => set('offsetY', v)}
      />
    </FormSection>
  );
}
