import { useId, useState } from 'react';
import { useRecordingSettings, useUpdateRecordingSettings } from '../../api/recordings';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ErrorState } from '../../components/ui/ErrorState';
import { Input } from '../../components/ui/Input';
import { Label } from '../../components/ui/Label';
import { Skeleton } from '../../components/ui/Skeleton';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

const MIN_DAYS = 1;
const MAX_DAYS = 3650;

/** How long call recordings are kept before the server deletes them (company admins). */
export function RecordingRetentionCard() {
  const settings = useRecordingSettings(true);
  return (
    <Card>
      <CardHeader
        title="Call recordings"
        description="Chatbots with Recording switched on keep the audio of each call. Older recordings are deleted automatically."
      />
      <CardBody>
        {settings.isError ? (
          <ErrorState
            title="Could not load the recording settings"
            error={settings.error}
            onRetry={() => settings.refetch()}
            retrying={settings.isFetching}
          />
        ) : settings.data ? (
          <RetentionForm days={settings.data.retentionDays} />
        ) : (
          <div role="status">
            <span className="sr-only">Loading…</span>
            <Skeleton className="h-9 w-48" />
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function RetentionForm({ days }: { days: number }) {
  const id = useId();
  const [draft, setDraft] = useState(String(days));
  const update = useUpdateRecordingSettings();
  const toast = useToast();
  const value = Number(draft);
  const valid = Number.isInteger(value) && value >= MIN_DAYS && value <= MAX_DAYS;
  const save = () =>
    update.mutate(
      { retentionDays: value },
      { onSuccess: () => toast({ title: 'Recording retention saved' }) },
    );
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) save();
      }}
    >
      <div className="space-y-1.5">
        <Label htmlFor={id}>Keep recordings for (days)</Label>
        <div className="flex flex-wrap items-center gap-2">
          <Input
            id={id}
            type="number"
            inputMode="numeric"
            min={MIN_DAYS}
            max={MAX_DAYS}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={!valid}
            aria-describedby={`${id}-hint`}
            className="w-32"
          />
          <Button
            type="submit"
            size="md"
            disabled={!valid || value === days}
            pending={update.isPending}
          >
            Save
          </Button>
        </div>
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          Between {MIN_DAYS} and {MAX_DAYS} days, counted from the start of each call.
        </p>
      </div>
      {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
    </form>
  );
}
