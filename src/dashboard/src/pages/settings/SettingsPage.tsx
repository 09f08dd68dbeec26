import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/Tabs';
import { CompanyTab } from './CompanyTab';
import { MembersTab } from './MembersTab';

const tabs = ['members', 'company'] as const;

export function SettingsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = tabs.find((t) => t === searchParams.get('tab')) ?? 'members';
  return (
    <>
      <PageHeader title="Settings" description="Your company's team and details." />
      <Tabs
        value={tab}
        onValueChange={(next) =>
          setSearchParams(next === 'members' ? {} : { tab: next }, { replace: true })
        }
      >
        <TabsList aria-label="Settings sections">
          <TabsTrigger value="members">Members</TabsTrigger>
          <TabsTrigger value="company">Company</TabsTrigger>
        </TabsList>
        <TabsContent value="members">
          <MembersTab />
        </TabsContent>
        <TabsContent value="company">
          <CompanyTab />
        </TabsContent>
      </Tabs>
    </>
  );
}
