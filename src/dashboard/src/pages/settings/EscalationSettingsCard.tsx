import { useId, useState } from 'react';
import {
  type EscalationSettings,
  useEscalationSettings,
  useUpdateEscalationSettings,
} from '../../api/escalation-settings';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ErrorState } from '../../components/ui/ErrorState';
import { Input } from '../../components/ui/Input';
import { Label } from '../../components/ui/Label';
import { Select } from '../../components/ui/Select';
import { Skeleton } from '../../components/ui/Skeleton';
import { useToast } from '../../components/ui/toast-context';
import { errorMessage } from '../../lib/errors';

const MIN_SEC = 10;
const MAX_SEC = 120;

const strategies = [
  {
    value: 'all',
    label: 'Everyone at once',
    hint: 'Every available person rings; the first to accept takes the call.',
  },
  {
    value: 'least_busy',
    label: 'Least busy first',
    hint: 'One person at a time, fewest live calls first, then the longest idle.',
  },
];

const holdSounds = [
  { value: 'tone', label: 'Soft tone' },
  { value: 'music', label: 'Music' },
];

/** How a call waiting for a person rings the team: admins change it, support agents see it. */
export function EscalationSettingsCard({ canEdit }: { canEdit: boolean }) {
  const settings = useEscalationSettings();
  return (
    <Card>
      <CardHeader
        title="Transfers to a person"
        description="When a caller asks for a person, the team members who are Available with the dashboard open are rung. The caller hears hold audio meanwhile; if nobody accepts, the agent takes a message."
      />
      <CardBody>
        {settings.isError ? (
          <ErrorState
            title="Could not load the transfer settings"
            error={settings.error}
            onRetry={() => settings.refetch()}
            retrying={settings.isFetching}
          />
        ) : settings.data ? (
          <EscalationForm settings={settings.data} canEdit={canEdit} />
        ) : (
          <div role="status">
            <span className="sr-only">Loading…</span>
            <Skeleton className="h-9 w-64" />
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function EscalationForm({ settings, canEdit }: { settings: EscalationSettings; canEdit: boolean }) {
  const id = useId();
  const [strategy, setStrategy] = useState(settings.ringStrategy);
  const [timeout, setTimeoutDraft] = useState(String(settings.ringTimeoutSec));
  const [hold, setHold] = useState(settings.holdAudio);
  const update = useUpdateEscalationSettings();
  const toast = useToast();
  const seconds = Number(timeout);
  const validTimeout = Number.isInteger(seconds) && seconds >= MIN_SEC && seconds <= MAX_SEC;
  const changed =
    strategy !== settings.ringStrategy ||
    seconds !== settings.ringTimeoutSec ||
    hold !== settings.holdAudio;
  const strategyHint = strategies.find((s) => s.value === strategy)?.hint;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!validTimeout || !canEdit) return;
        update.mutate(
          { ringStrategy: strategy, ringTimeoutSec: seconds, holdAudio: hold },
          { onSuccess: () => toast({ title: 'Transfer settings saved' }) },
        );
      }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-strategy`}>Ring</Label>
          <Select
            id={`${id}-strategy`}
            value={strategy}
            onValueChange={(value) => setStrategy(value as EscalationSettings['ringStrategy'])}
            options={strategies}
            disabled={!canEdit}
            aria-describedby={`${id}-strategy-hint`}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-timeout`}>Ring timeout (seconds)</Label>
          <Input
            id={`${id}-timeout`}
            type="number"
            inputMode="numeric"
            min={MIN_SEC}
            max={MAX_SEC}
            value={timeout}
            onChange={(event) => setTimeoutDraft(event.target.value)}
            aria-invalid={!validTimeout}
            aria-describedby={`${id}-timeout-hint`}
            disabled={!canEdit}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-hold`}>Caller hears while waiting</Label>
          <Select
            id={`${id}-hold`}
            value={hold}
            onValueChange={(value) => setHold(value as EscalationSettings['holdAudio'])}
            options={holdSounds}
            disabled={!canEdit}
          />
        </div>
      </div>
      <div className="space-y-1 text-xs text-slate-500 dark:text-slate-400">
        <p id={`${id}-strategy-hint`}>{strategyHint}</p>
        <p id={`${id}-timeout-hint`}>
          Between {MIN_SEC} and {MAX_SEC} seconds.
          {strategy === 'least_busy' &&
            ' Shared out among the people rung, at least 10 seconds each.'}
        </p>
      </div>
      {canEdit ? (
        <Button
          type="submit"
          variant="primary"
          disabled={!validTimeout || !changed}
          pending={update.isPending}
        >
          Save
        </Button>
      ) : (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Company admins can change these settings.
        </p>
      )}
      {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
    </form>
  );
}
