import type { ChatbotType } from '../../../../shared/domain';
import { useCompanyAiModels, useCompanyPackages } from '../../api/catalog';
import type { ControlProps } from '../../components/ui/FormField';
import { Select, type SelectOption } from '../../components/ui/Select';
import { providerLabel } from '../../lib/labels';

// Radix Select items cannot have an empty value, so "none" gets a sentinel.
const none = '__none__';

type CatalogSelectProps = {
  control: ControlProps;
  value: string | null;
  onChange: (value: string | null) => void;
  disabled?: boolean;
};

function withCurrent(options: SelectOption[], value: string | null, label: string) {
  if (value && !options.some((o) => o.value === value)) {
    return [...options, { value, label }];
  }
  return options;
}

export function PackageSelect({
  chatbotType,
  control,
  value,
  onChange,
  disabled,
}: CatalogSelectProps & { chatbotType: ChatbotType }) {
  const packages = useCompanyPackages(chatbotType);
  const options = withCurrent(
    [
      { value: none, label: 'No package' },
      ...(packages.data ?? []).map((p) => ({ value: p.id, label: p.name })),
    ],
    value,
    'Current package (no longer offered)',
  );
  return (
    <Select
      {...control}
      value={value ?? none}
      onValueChange={(next) => onChange(next === none ? null : next)}
      options={options}
      disabled={disabled || packages.isPending}
      placeholder={packages.isPending ? 'Loading packages…' : 'Select a package'}
    />
  );
}

export function ChatModelSelect({ control, value, onChange, disabled }: CatalogSelectProps) {
  const models = useCompanyAiModels('chat');
  const options = withCurrent(
    [
      { value: none, label: 'Platform default' },
      ...(models.data ?? []).map((m) => ({
        value: m.id,
        label: `${m.displayName} · ${providerLabel(m.provider)}`,
      })),
    ],
    value,
    'Current model (no longer available)',
  );
  return (
    <Select
      {...control}
      value={value ?? none}
      onValueChange={(next) => onChange(next === none ? null : next)}
      options={options}
      disabled={disabled || models.isPending}
      placeholder={models.isPending ? 'Loading models…' : 'Select a model'}
    />
  );
}
