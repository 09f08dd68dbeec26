import { useRoutingRules } from '../../api/call-routing';
import { Select } from '../../components/ui/Select';

const ALL = 'all';

/** Narrows the Calls page to the calls one routing rule routed; hidden while there are no rules. */
export function RoutingRuleFilter(props: {
  value: string | undefined;
  onChange: (ruleId: string | undefined) => void;
}) {
  const rules = useRoutingRules();
  const items = rules.data ?? [];
  if (items.length === 0 && !props.value) return null;
  return (
    <Select
      aria-label="Routing rule"
      value={props.value ?? ALL}
      onValueChange={(value) => props.onChange(value === ALL ? undefined : value)}
      options={[
        { value: ALL, label: 'Any routing' },
        ...items.map((rule) => ({ value: rule.id, label: `Routed by ${rule.name}` })),
      ]}
      className="sm:w-52"
    />
  );
}
