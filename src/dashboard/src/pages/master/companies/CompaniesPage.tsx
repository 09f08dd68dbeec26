import { Building2, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMasterCompanies } from '../../../api/master-companies';
import { DataTable } from '../../../components/DataTable';
import { ListQueryView } from '../../../components/ListQueryView';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { PageHeader } from '../../../components/ui/PageHeader';
import { TD, TH, TR } from '../../../components/ui/Table';
import { NewCompanyDialog } from './NewCompanyDialog';

export function CompaniesPage() {
  const companies = useMasterCompanies();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="Companies"
        description="Every tenant on this Buzzi installation, with their features and limits."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" />
            New company
          </Button>
        }
      />
      <ListQueryView
        query={companies}
        loadingLabel="Loading companies"
        errorTitle="Could not load companies"
        empty={{
          icon: Building2,
          title: 'No companies yet',
          description: 'Create the first company and invite its admin.',
          action: (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New company
            </Button>
          ),
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Name</TH>
                <TH>Slug</TH>
                <TH className="text-right">Members</TH>
                <TH className="text-right">Chatbots</TH>
                <TH>Call Feature</TH>
                <TH>Status</TH>
              </>
            }
          >
            {items.map((company) => (
              <TR key={company.id}>
                <TD>
                  <Link
                    to={`/master/companies/${company.id}`}
                    className="rounded font-medium text-slate-900 hover:text-blue-700 hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-slate-100 dark:hover:text-blue-300"
                  >
                    {company.name}
                  </Link>
                </TD>
                <TD className="font-mono text-xs">{company.slug}</TD>
                <TD className="text-right tabular-nums">{company.memberCount}</TD>
                <TD className="text-right tabular-nums">{company.chatbotCount}</TD>
                <TD>
                  {company.settings.features.callEnabled ? (
                    <Badge tone="violet">On</Badge>
                  ) : (
                    <Badge>Off</Badge>
                  )}
                </TD>
                <TD>
                  {company.isActive ? (
                    <Badge tone="green">Active</Badge>
                  ) : (
                    <Badge tone="amber">Inactive</Badge>
                  )}
                </TD>
              </TR>
            ))}
          </DataTable>
        )}
      </ListQueryView>
      <NewCompanyDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
