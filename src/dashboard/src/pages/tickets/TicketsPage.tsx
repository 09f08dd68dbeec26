import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMembers } from '../../api/members';
import type { TicketFilters } from '../../api/tickets';
import { SearchInput } from '../../components/ui/Input';
import { PageHeader } from '../../components/ui/PageHeader';
import { Select } from '../../components/ui/Select';
import { Tabs, TabsList, TabsTrigger } from '../../components/ui/Tabs';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { TicketList } from './TicketList';

const statusTabs = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
] as const;

const sourceOptions = [
  { value: 'all', label: 'Calls and chats' },
  { value: 'call', label: 'From calls' },
  { value: 'chat', label: 'From chats' },
];

export function TicketsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = statusTabs.find((t) => t.value === searchParams.get('status'))?.value ?? 'open';
  const [assignee, setAssignee] = useState('all');
  const [source, setSource] = useState<TicketFilters['source']>('all');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const members = useMembers();
  const assigneeOptions = [
    { value: 'all', label: 'Anyone' },
    { value: 'me', label: 'Assigned to me' },
    { value: 'unassigned', label: 'Unassigned' },
    ...(members.data ?? [])
      .filter((member) => member.status === 'active')
      .map((member) => ({ value: member.userId, label: member.name || member.email })),
  ];
  const filters: TicketFilters = { status, assignee, source, q };

  return (
    <>
      <PageHeader
        title="Tickets"
        description="Messages callers and chat visitors left for your team, and tickets made from calls."
      />
      <div className="space-y-4">
        <div className="flex flex-col gap-2 md:flex-row">
          <SearchInput
            aria-label="Search tickets"
            placeholder="Name, number or message"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="flex-1"
          />
          <Select
            aria-label="Assignee filter"
            value={assignee}
            onValueChange={setAssignee}
            options={assigneeOptions}
            className="md:w-48"
          />
          <Select
            aria-label="Source filter"
            value={source}
            onValueChange={(value) =>
              setSource(value === 'call' || value === 'chat' ? value : 'all')
            }
            options={sourceOptions}
            className="md:w-44"
          />
        </div>
        <Tabs
          value={status}
          onValueChange={(next) =>
            setSearchParams(next === 'open' ? {} : { status: next }, { replace: true })
          }
        >
          <TabsList aria-label="Ticket status">
            {statusTabs.map((tab) => (
              <TabsTrigger key={tab.value} value={tab.value}>
                {tab.label}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <TicketList filters={filters} />
      </div>
    </>
  );
}
