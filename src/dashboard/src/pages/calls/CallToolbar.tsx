import { SearchInput } from '../../components/ui/Input';
import { Select } from '../../components/ui/Select';
import { type DateRange, dateRanges } from './date-ranges';

type CallToolbarProps = {
  search: string;
  onSearchChange: (search: string) => void;
  range: DateRange;
  onRangeChange: (range: DateRange) => void;
};

/** Search over callers, summaries and transcripts, and the date range of the page. */
export function CallToolbar({ search, onSearchChange, range, onRangeChange }: CallToolbarProps) {
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
    </div>
  );
}
