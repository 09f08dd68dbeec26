import { useQuery } from '@tanstack/react-query';
import { useCallerLists } from '../../api/call-routing';
import { useChatbots } from '../../api/chatbots';
import { useCompanyId } from '../../api/company-scope';
import { integrationAccountsQuery } from '../../api/integration-accounts';
import { useSession } from '../../auth/session-context';
import { CallFeatureDisabledState } from '../../components/CallFeatureDisabledState';
import { Alert } from '../../components/ui/Alert';
import { PageHeader } from '../../components/ui/PageHeader';
import { formatPhoneNumber } from '../../lib/phone';
import { BusinessHoursCard } from './BusinessHoursCard';
import { CallerListsCard } from './CallerListsCard';
import type { RoutingChoices } from './RuleDialog';
import { RulesCard } from './RulesCard';
import { TestCallCard } from './TestCallCard';

/**
 * Who answers which call, and when: business hours, caller lists, the
 * ordered rules and "Test a call". Support agents see it all read-only.
 */
export function CallRoutingPage() {
  const { isCompanyAdmin, callEnabled } = useSession();
  const choices = useRoutingChoices(isCompanyAdmin);
  if (!callEnabled) {
    return (
      <>
        <PageHeader title="Call routing" />
        <CallFeatureDisabledState message="Call routing needs voice calls." />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Call routing"
        description="Decide who answers which call and when: after hours, VIP callers, blocked numbers, a phone menu."
      />
      <div className="space-y-6">
        {!isCompanyAdmin && (
          <Alert variant="info">Only company admins can change call routing.</Alert>
        )}
        <RulesCard canEdit={isCompanyAdmin} choices={choices} />
        <TestCallCard choices={choices} />
        <BusinessHoursCard canEdit={isCompanyAdmin} />
        <CallerListsCard canEdit={isCompanyAdmin} />
      </div>
    </>
  );
}

function useRoutingChoices(isCompanyAdmin: boolean): RoutingChoices {
  const chatbots = useChatbots();
  const lists = useCallerLists();
  const callBots = (chatbots.data ?? []).filter((bot) => bot.chatbotType === 'call');
  // Phone numbers are listed for admins only; agents see rules without them.
  const accounts = useQuery({
    ...integrationAccountsQuery(useCompanyId()),
    enabled: isCompanyAdmin,
  });
  return {
    callChatbots: callBots.map((bot) => ({ value: bot.id, label: bot.name })),
    agentsOf: Object.fromEntries(
      callBots
        .filter((bot) => bot.agentsList.length > 0)
        .map((bot) => [
          bot.id,
          bot.agentsList.map((agent) => ({ value: agent.id, label: agent.name })),
        ]),
    ),
    phoneNumbers: (accounts.data ?? []).map((account) => ({
      value: account.id,
      label: `${account.name} (${formatPhoneNumber(account.config.phoneNumber)})`,
    })),
    callerLists: lists.data ?? [],
  };
}
