import { type FormEvent, useState } from 'react';
import { useUpdateCompanySettings } from '../../../api/master-companies';
import type { Company } from '../../../api/types';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardFooter, CardHeader } from '../../../components/ui/Card';
import { FormField } from '../../../components/ui/FormField';
import { CountInput } from '../../../components/ui/Input';
import { SwitchField } from '../../../components/ui/Switch';
import { useToast } from '../../../components/ui/toast-context';
import { errorMessage, fieldErrors } from '../../../lib/errors';

export function CompanyFeaturesTab({ company }: { company: Company }) {
  return (
    <div className="space-y-6">
      <CallFeatureCard company={company} />
      <LimitsCard company={company} />
    </div>
  );
}

function CallFeatureCard({ company }: { company: Company }) {
  // Separate mutation from the limits form so each shows its own pending state.
  const update = useUpdateCompanySettings(company.id);
  const toast = useToast();
  return (
    <Card>
      <CardHeader title="Features" description="Changes apply at once." />
      <CardBody>
        <SwitchField
          label="Call Feature"
          description="Let this company's chatbots answer voice calls in the widget, by phone and on WhatsApp."
          checked={company.settings.features.callEnabled}
          onCheckedChange={(callEnabled) =>
            update.mutate(
              { features: { callEnabled } },
              {
                onSuccess: () =>
                  toast({
                    title: callEnabled ? 'Call Feature turned on' : 'Call Feature turned off',
                    description: company.name,
                  }),
                onError: (error) =>
                  toast({
                    title: 'Could not change the Call Feature',
                    description: errorMessage(error),
                    variant: 'error',
                  }),
              },
            )
          }
        />
      </CardBody>
    </Card>
  );
}

function LimitsCard({ company }: { company: Company }) {
  const update = useUpdateCompanySettings(company.id);
  const toast = useToast();
  const saved = company.settings.limits.maxConcurrentCalls;
  const [value, setValue] = useState(String(saved));
  const [error, setError] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0) {
      setError('Enter a whole number, 0 or more.');
      return;
    }
    setError(undefined);
    update.mutate(
      { limits: { maxConcurrentCalls: parsed } },
      { onSuccess: () => toast({ title: 'Limit saved' }) },
    );
  };

  const serverError =
    fieldErrors(update.error)['limits.maxConcurrentCalls'] ??
    (update.isError ? errorMessage(update.error) : undefined);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader title="Limits" />
        <CardBody>
          <FormField
            label="Max concurrent calls"
            className="max-w-xs"
            error={error ?? serverError}
            hint="How many calls this company's chatbots may take at the same time."
          >
            {(control) => (
              <CountInput
                {...control}
                value={value}
                onChange={(e) => {
                  setValue(e.target.value);
                  if (update.isError) update.reset();
                }}
              />
            )}
          </FormField>
        </CardBody>
        <CardFooter>
          <Button
            type="submit"
            variant="primary"
            pending={update.isPending}
            disabled={value === String(saved)}
          >
            Save limit
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
