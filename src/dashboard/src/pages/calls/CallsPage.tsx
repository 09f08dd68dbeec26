import { useQueryClient } from '@tanstack/react-query';
import { FileDown, RotateCw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCallEventStream } from '../../api/call-events';
import {
  type CallFilters,
  type CallTab,
  callsExportUrl,
  callTabs,
  useCallStats,
} from '../../api/calls';
import { useCompanyId } from '../../api/company-scope';
import { companyKeys } from '../../api/keys';
import { LiveStatus } from '../../components/LiveStatus';
import { Button } from '../../components/ui/Button';
import { PageHeader } from '../../components/ui/PageHeader';
import { Tabs, TabsList, TabsTrigger } from '../../components/ui/Tabs';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { CallbacksDue } from './CallbacksDue';
import { CallDetailsSheet } from './CallDetailsSheet';
import { CallKpiCards } from './CallKpiCards';
import { CallList } from './CallList';
import { CallToolbar } from './CallToolbar';
import { tabLabels } from './call-labels';
import { type DateRange, DEFAULT_RANGE, rangeLabel, rangeStart } from './date-ranges';

export function CallsPage() {
  const companyId = useCompanyId();
  const queryClient = useQueryClient();
  const connection = useCallEventStream(companyId);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: CallTab = callTabs.find((t) => t === searchParams.get('tab')) ?? 'all';
  const openCallId = searchParams.get('call');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const [range, setRange] = useState<DateRange>(DEFAULT_RANGE);
  const from = useMemo(() => rangeStart(range), [range]);
  const routingRule = searchParams.get('rule') ?? undefined;
  const filters: CallFilters = { tab, q, from, routingRule };
  const waiting = useCallStats(from).data?.needsAttention.value ?? 0;

  const setParam = (name: 'tab' | 'call' | 'rule', value: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name !== 'call' },
    );

  return (
    <>
      <PageHeader
        title="Calls"
        description="Voice calls answered by your chatbots in the widget, by phone and on WhatsApp."
        actions={
          <>
            <LiveStatus
              state={connection}
              title="Whether new calls and live transcripts appear without reloading"
            />
            <Button
              size="sm"
              onClick={() =>
                queryClient.invalidateQueries({ queryKey: companyKeys.calls(companyId) })
              }
            >
              <RotateCw className="size-3.5" aria-hidden="true" />
              Refresh
            </Button>
            <Button size="sm" asChild>
              <a href={callsExportUrl(filters)} download>
                <FileDown className="size-3.5" aria-hidden="true" />
                Export CSV
              </a>
            </Button>
          </>
        }
      />
      <div className="space-y-5">
        <CallbacksDue onOpenCall={(id) => setParam('call', id)} />
        <CallKpiCards from={from} rangeLabel={rangeLabel(range)} />
        <CallToolbar
          search={search}
          onSearchChange={setSearch}
          range={range}
          onRangeChange={setRange}
          routingRule={routingRule}
          onRoutingRuleChange={(ruleId) => setParam('rule', ruleId ?? null)}
        />
        <Tabs value={tab} onValueChange={(next) => setParam('tab', next === 'all' ? null : next)}>
          <TabsList aria-label="Call filter">
            {callTabs.map((value) => (
              <TabsTrigger key={value} value={value} className="px-2 text-xs sm:px-3 sm:text-sm">
                {tabLabels[value]}
                {value === 'attention' && waiting > 0 && (
                  <span className="rounded-full bg-amber-100 px-1.5 text-xs tabular-nums text-amber-800 dark:bg-amber-950 dark:text-amber-300">
                    {waiting}
                  </span>
                )}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <CallList filters={filters} onOpen={(id) => setParam('call', id)} />
      </div>
      <CallDetailsSheet
        callId={openCallId}
        onOpen={(id) => setParam('call', id)}
        onClose={() => setParam('call', null)}
      />
    </>
  );
}
