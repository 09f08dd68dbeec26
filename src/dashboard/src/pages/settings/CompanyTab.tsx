import { useActiveCompany, useSession } from '../../auth/session-context';
import { Badge } from '../../components/ui/Badge';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { EscalationSettingsCard } from './EscalationSettingsCard';
import { RecordingRetentionCard } from './RecordingRetentionCard';

export function CompanyTab() {
  const company = useActiveCompany();
  const { isCompanyAdmin } = useSession();
  const callEnabled = company.features.callEnabled;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Company"
          description="Contact your platform administrator to rename it."
        />
        <CardBody>
          <dl className="grid gap-5 sm:grid-cols-2">
            <div>
              <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">Name</dt>
              <dd className="mt-1 text-sm text-slate-900 dark:text-slate-100">{company.name}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">Slug</dt>
              <dd className="mt-1 font-mono text-sm text-slate-900 dark:text-slate-100">
                {company.slug}
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Features" />
        <CardBody>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="text-sm font-medium text-slate-900 dark:text-slate-100">
                Voice calls: {callEnabled ? 'Enabled' : 'Disabled'}
              </p>
              <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
                Managed by your platform administrator.
              </p>
            </div>
            <Badge tone={callEnabled ? 'green' : 'neutral'}>
              {callEnabled ? 'Enabled' : 'Disabled'}
            </Badge>
          </div>
        </CardBody>
      </Card>
      {callEnabled && isCompanyAdmin && <RecordingRetentionCard />}
      {callEnabled && <EscalationSettingsCard canEdit={isCompanyAdmin} />}
    </div>
  );
}
