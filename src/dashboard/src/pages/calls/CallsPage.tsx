import { Phone } from 'lucide-react';
import type { CallSource, CallStatus } from '../../../../shared/domain';
import { useCalls } from '../../api/calls';
import { useChatbots } from '../../api/chatbots';
import { isApiError } from '../../api/client';
import type { Call } from '../../api/types';
import { CallFeatureDisabledState } from '../../components/CallFeatureDisabledState';
import { DataTable } from '../../components/DataTable';
import { ListQueryView } from '../../components/ListQueryView';
import { Badge, type BadgeTone } from '../../components/ui/Badge';
import { PageHeader } from '../../components/ui/PageHeader';
import { TD, TH, TR } from '../../components/ui/Table';
import { formatDateTime, formatDurationMs, humanize } from '../../lib/format';

const statusBadges: Record<CallStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending', tone: 'amber' },
  in_progress: { label: 'In progress', tone: 'blue' },
  completed: { label: 'Completed', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  no_answer: { label: 'No answer', tone: 'neutral' },
};

const sourceLabels: Record<CallSource, string> = {
  web: 'Web widget',
  twilio: 'Phone (Twilio)',
  whatsapp: 'WhatsApp',
};

function durationOf(call: Call): number | null {
  if (typeof call.durationMs === 'number') return call.durationMs;
  if (!call.startedAt || !call.endedAt) return null;
  return new Date(call.endedAt).getTime() - new Date(call.startedAt).getTime();
}

export function CallsPage() {
  const calls = useCalls();
  const chatbots = useChatbots();
  const chatbotName = (call: Call) =>
    call.chatbotName ??
    chatbots.data?.find((c) => c.id === call.chatbotId)?.name ??
    (call.chatbotId ? 'Deleted chatbot' : '—');

  return (
    <>
      <PageHeader
        title="Calls"
        description="Voice calls answered by your chatbots in the widget, by phone and on WhatsApp."
      />
      <ListQueryView
        query={calls}
        loadingLabel="Loading calls"
        errorTitle="Could not load calls"
        renderError={(error) =>
          isApiError(error, 'call_feature_disabled') ? (
            <CallFeatureDisabledState message={error.message} />
          ) : undefined
        }
        empty={{
          icon: Phone,
          title: 'No calls yet',
          description:
            "When visitors press the call button in a call chatbot's widget, or call one of your connected numbers, the calls show up here.",
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Started</TH>
                <TH>Chatbot</TH>
                <TH>Source</TH>
                <TH>Status</TH>
                <TH className="text-right">Duration</TH>
                <TH>End reason</TH>
              </>
            }
          >
            {items.map((call) => {
              const status = statusBadges[call.status] ?? {
                label: humanize(call.status),
                tone: 'neutral' as const,
              };
              return (
                <TR key={call.id}>
                  <TD className="text-slate-900 dark:text-slate-100">
                    {formatDateTime(call.startedAt ?? call.createdAt)}
                  </TD>
                  <TD>{chatbotName(call)}</TD>
                  <TD>{sourceLabels[call.source] ?? humanize(call.source)}</TD>
                  <TD>
                    <Badge tone={status.tone}>{status.label}</Badge>
                  </TD>
                  <TD className="text-right tabular-nums">{formatDurationMs(durationOf(call))}</TD>
                  <TD>{humanize(call.endReason)}</TD>
                </TR>
              );
            })}
          </DataTable>
        )}
      </ListQueryView>
    </>
  );
}
