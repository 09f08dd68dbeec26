import { SearchInput } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { type DateRange, dateRanges } from './date-ranges';
import { RoutingRuleFilter } from './RoutingRuleFilter';

type CallToolbarProps = {
  search: string;
  onSearchChange: (search: string) => void;
  range: DateRange;
  onRangeChange: (range: DateRange) => void;
  routingRule: string | undefined;
  onRoutingRuleChange: (ruleId: string | undefined) => void;
};

/** Search over callers, summaries and transcripts, the date range of the page and the routing rule. */
export function CallToolbar({
  search,
  onSearchChange,
  range,
  onRangeChange,
  routingRule,
  onRoutingRuleChange,
}: CallToolbarProps) {
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <SearchInput
        aria-label="Search calls"
        placeholder="Caller, number or words said"
        value={search}
        onChange={(event) => onSearchChange(event.target.value)}
        className="flex-1"
      />
      <Select
        aria-label="Date range"
        value={range}
        onValueChange={(value) =>
          onRangeChange(dateRanges.find((r) => r.value === value)?.value ?? range)
        }
        options={dateRanges.map(({ value, label }) => ({ value, label }))}
        className="sm:w-44"
      />
      <RoutingRuleFilter value={routingRule} onChange={onRoutingRuleChange} />
    </div>
  );
}
