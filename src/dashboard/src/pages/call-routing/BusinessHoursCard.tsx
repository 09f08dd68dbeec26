import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import {
  type BusinessHours,
  type Weekday,
  weekdayLabels,
  weekdays,
} from '../../../../shared/call-routing';
import {
  type SavedBusinessHours,
  useBusinessHours,
  useSaveBusinessHours,
} from '../../api/call-routing';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/ui/Card';
import { ErrorState } from '../../components/ui/ErrorState';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { FormSkeleton } from '../../components/ui/Skeleton';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The company's calendar that "inside/outside business hours" rules read. */
export function BusinessHoursCard({ canEdit }: { canEdit: boolean }) {
  const hours = useBusinessHours();
  return (
    <Card>
      <CardHeader
        title="Business hours"
        description="When the practice is open, in its own time zone. Holidays count as closed all day."
      />
      {hours.isPending && (
        <CardBody>
          <FormSkeleton fields={3} />
        </CardBody>
      )}
      {hours.isError && (
        <CardBody>
          <ErrorState
            title="Could not load business hours"
            error={hours.error}
            onRetry={() => hours.refetch()}
          />
        </CardBody>
      )}
      {hours.data && <HoursForm saved={hours.data} canEdit={canEdit} />}
    </Card>
  );
}

function HoursForm({ saved, canEdit }: { saved: SavedBusinessHours; canEdit: boolean }) {
  const [draft, setDraft] = useState<BusinessHours>(() => ({
    timeZone: saved.configured ? saved.timeZone : browserZone(),
    weekly: saved.weekly,
    holidays: saved.holidays,
  }));
  const save = useSaveBusinessHours();
  const toast = useToast();
  const setDay = (day: Weekday, intervals: BusinessHours['weekly'][Weekday]) =>
    setDraft((d) => ({ ...d, weekly: { ...d.weekly, [day]: intervals } }));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, {
          onSuccess: () => toast({ title: 'Business hours saved', variant: 'success' }),
        });
      }}
    >
      <CardBody className="space-y-5">
        {!saved.configured && (
          <Alert variant="info">
            No business hours are saved yet: rules about business hours treat the practice as
            closed.
          </Alert>
        )}
        <FormField label="Time zone" hint="An IANA zone, e.g. America/New_York.">
          {(control) => (
            <>
              <div className="max-w-sm">
                <Input
                  {...control}
                  list="routing-time-zones"
                  value={draft.timeZone}
                  disabled={!canEdit}
                  onChange={(event) => setDraft((d) => ({ ...d, timeZone: event.target.value }))}
                />
              </div>
              <datalist id="routing-time-zones">
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </FormField>
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">
            Weekly hours
          </legend>
          {weekdays.map((day) => (
            <DayRow
              key={day}
              day={day}
              intervals={draft.weekly[day]}
              canEdit={canEdit}
              onChange={(intervals) => setDay(day, intervals)}
            />
          ))}
        </fieldset>
        <Holidays
          holidays={draft.holidays}
          canEdit={canEdit}
          onChange={(holidays) => setDraft((d) => ({ ...d, holidays }))}
        />
        {save.isError && <Alert variant="error">{errorMessage(save.error)}</Alert>}
      </CardBody>
      {canEdit && (
        <CardFooter>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save business hours'}
          </Button>
        </CardFooter>
      )}
    </form>
  );
}

type Intervals = BusinessHours['weekly'][Weekday];

function DayRow(props: {
  day: Weekday;
  intervals: Intervals;
  canEdit: boolean;
  onChange: (intervals: Intervals) => void;
}) {
  const { day, intervals, canEdit, onChange } = props;
  const label = weekdayLabels[day];
  const change = (index: number, key: 'open' | 'close', value: string) =>
    onChange(
      intervals.map((interval, i) => (i === index ? { ...interval, [key]: value } : interval)),
    );
  const last = intervals.at(-1);
  return (
    <div className="flex flex-col gap-2 border-b border-slate-100 pb-2 sm:flex-row sm:items-center dark:border-slate-800">
      <span className="w-28 shrink-0 text-sm text-slate-700 dark:text-slate-300">{label}</span>
      <div className="flex flex-1 flex-wrap items-center gap-2">
        {intervals.length === 0 && (
          <span className="text-sm text-slate-500 dark:text-slate-400">Closed</span>
        )}
        {intervals.map((interval, index) => (
          // Intervals have no identity beyond their place in the day.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={index} className="flex items-center gap-1">
            <div className="w-28">
              <Input
                type="time"
                aria-label={`${label} opens`}
                value={interval.open}
                disabled={!canEdit}
                onChange={(event) => change(index, 'open', event.target.value)}
              />
            </div>
            <span aria-hidden="true">–</span>
            <div className="w-28">
              <Input
                type="time"
                aria-label={`${label} closes`}
                value={interval.close === '24:00' ? '23:59' : interval.close}
                disabled={!canEdit}
                onChange={(event) => change(index, 'close', event.target.value)}
              />
            </div>
            {canEdit && (
              <Button
                type="button"
                variant="ghost"
                size="icon-sm"
                aria-label={`Remove ${label} ${interval.open}–${interval.close}`}
                onClick={() => onChange(intervals.filter((_, i) => i !== index))}
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            )}
          </span>
        ))}
        {canEdit && (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={`Add hours on ${label}`}
            onClick={() =>
              onChange([
                ...intervals,
                last ? { open: last.close, close: '23:59' } : { open: '09:00', close: '17:00' },
              ])
            }
          >
            <Plus className="size-4" aria-hidden="true" />
            Hours
          </Button>
        )}
      </div>
    </div>
  );
}

function Holidays(props: {
  holidays: BusinessHours['holidays'];
  canEdit: boolean;
  onChange: (holidays: BusinessHours['holidays']) => void;
}) {
  const { holidays, canEdit, onChange } = props;
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">
        Holidays
      </legend>
      {holidays.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">No holidays.</p>
      )}
      <ul className="space-y-1">
        {holidays.map((holiday) => (
          <li key={holiday.date} className="flex items-center gap-2 text-sm">
            <span className="font-mono text-slate-700 dark:text-slate-300">{holiday.date}</span>
            <span className="text-slate-600 dark:text-slate-400">{holiday.name}</span>
            {canEdit && (
              <Button
                type="button"
                variant="ghost"
                size="icon-sm"
                aria-label={`Remove holiday ${holiday.date}`}
                onClick={() => onChange(holidays.filter((h) => h.date !== holiday.date))}
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <div className="w-44">
            <Input
              type="date"
              aria-label="Holiday date"
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
          </div>
          <div className="w-56">
            <Input
              aria-label="Holiday name"
              placeholder="Name (optional)"
              value={name}
              maxLength={80}
              onChange={(event) => setName(event.target.value)}
            />
          </div>
          <Button
            type="button"
            size="sm"
            disabled={!date || holidays.some((h) => h.date === date)}
            onClick={() => {
              onChange([...holidays, { date, ...(name.trim() ? { name: name.trim() } : {}) }]);
              setDate('');
              setName('');
            }}
          >
            <Plus className="size-4" aria-hidden="true" />
            Add holiday
          </Button>
        </div>
      )}
    </fieldset>
  );
}
