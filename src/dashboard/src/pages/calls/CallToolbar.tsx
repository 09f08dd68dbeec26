import { Search } from 'lucide-react';
import { Input } from '../../components/ui/Input';
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
      <div className="relative flex-1">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
          aria-hidden="true"
        />
        <Input
          type="search"
          aria-label="Search calls"
          placeholder="Caller, number or words said"
          value={search}
          maxLength={200}
          onChange={(event) => onSearchChange(event.target.value)}
          className="pl-9"
        />
      </div>
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
