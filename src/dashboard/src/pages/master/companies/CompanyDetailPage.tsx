import { Building2 } from 'lucide-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { useMasterCompany } from '../../../api/master-companies';
import { BackLink } from '../../../components/BackLink';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { FormSkeleton, Skeleton } from '../../../components/ui/Skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../../components/ui/Tabs';
import { CompanyFeaturesTab } from './CompanyFeaturesTab';
import { CompanyGeneralTab } from './CompanyGeneralTab';

const tabs = ['general', 'features'] as const;

export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const company = useMasterCompany(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = tabs.find((t) => t === searchParams.get('tab')) ?? 'general';

  if (company.isPending) {
    return (
      <div role="status">
        <span className="sr-only">Loading company…</span>
        <Skeleton className="mb-3 h-4 w-24" />
        <Skeleton className="mb-8 h-7 w-56" />
        <FormSkeleton fields={3} />
      </div>
    );
  }
  if (company.isError) {
    if (isApiError(company.error) && company.error.status === 404) {
      return (
        <EmptyState
          icon={Building2}
          title="Company not found"
          action={
            <Button asChild>
              <Link to="/master/companies">Back to companies</Link>
            </Button>
          }
        />
      );
    }
    return (
      <ErrorState
        title="Could not load the company"
        error={company.error}
        onRetry={() => company.refetch()}
        retrying={company.isFetching}
      />
    );
  }

  const data = company.data;
  return (
    <>
      <PageHeader
        eyebrow={<BackLink to="/master/companies">Companies</BackLink>}
        title={
          <span className="flex min-w-0 items-center gap-3">
            <span className="truncate">{data.name}</span>
            {!data.isActive && <Badge tone="amber">Inactive</Badge>}
          </span>
        }
        description={`${data.memberCount} ${data.memberCount === 1 ? 'member' : 'members'} · ${data.chatbotCount} ${data.chatbotCount === 1 ? 'chatbot' : 'chatbots'}`}
      />
      <Tabs
        value={tab}
        onValueChange={(next) =>
          setSearchParams(next === 'general' ? {} : { tab: next }, { replace: true })
        }
      >
        <TabsList aria-label="Company settings">
          <TabsTrigger value="general">General</TabsTrigger>
          <TabsTrigger value="features">Features</TabsTrigger>
        </TabsList>
        <TabsContent value="general">
          <CompanyGeneralTab key={data.id} company={data} />
        </TabsContent>
        <TabsContent value="features">
          <CompanyFeaturesTab key={data.id} company={data} />
        </TabsContent>
      </Tabs>
    </>
  );
}
