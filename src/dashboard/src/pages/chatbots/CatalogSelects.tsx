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

type CatalogSelectBaseProps = CatalogSelectProps & {
  /** The catalog's entries; undefined while they load. */
  items: SelectOption[] | undefined;
  loading: boolean;
  noneLabel: string;
  /** Stands for a value that is no longer in the catalog. */
  currentLabel: string;
  loadingPlaceholder: string;
  placeholder: string;
};

/** A select over a catalog, with a "none" entry and the current value kept when it left the catalog. */
function CatalogSelect({
  control,
  value,
  onChange,
  disabled,
  items,
  loading,
  noneLabel,
  currentLabel,
  loadingPlaceholder,
  placeholder,
}: CatalogSelectBaseProps) {
  const options = [{ value: none, label: noneLabel }, ...(items ?? [])];
  const withCurrent =
    value && !options.some((o) => o.value === value)
      ? [...options, { value, label: currentLabel }]
      : options;
  return (
    <Select
      {...control}
      value={value ?? none}
      onValueChange={(next) => onChange(next === none ? null : next)}
      options={withCurrent}
      disabled={disabled || loading}
      placeholder={loading ? loadingPlaceholder : placeholder}
    />
  );
}

export function PackageSelect({
  chatbotType,
  ...props
}: CatalogSelectProps & { chatbotType: ChatbotType }) {
  const packages = useCompanyPackages(chatbotType);
  return (
    <CatalogSelect
      {...props}
      items={packages.data?.map((p) => ({ value: p.id, label: p.name }))}
      loading={packages.isPending}
      noneLabel="No package"
      currentLabel="Current package (no longer offered)"
      loadingPlaceholder="Loading packages…"
      placeholder="Select a package"
    />
  );
}

export function ChatModelSelect(props: CatalogSelectProps) {
  const models = useCompanyAiModels('chat');
  return (
    <CatalogSelect
      {...props}
      items={models.data?.map((m) => ({
        value: m.id,
        label: `${m.displayName} · ${providerLabel(m.provider)}`,
      }))}
      loading={models.isPending}
      noneLabel="Platform default"
      currentLabel="Current model (no longer available)"
      loadingPlaceholder="Loading models…"
      placeholder="Select a model"
    />
  );
}
