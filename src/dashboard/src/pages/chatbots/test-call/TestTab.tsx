import { MessageSquare, Phone } from 'lucide-react';
import { Tabs } from 'radix-ui';
import type { Chatbot } from '../../../api/types';
import { useSession } from '../../../auth/session-context';
import { cn } from '../../../lib/cn';
import { focusRing } from '../../../lib/styles';
import { TestChatTab } from '../test-chat/TestChatTab';
import { TestCallPanel } from './TestCallPanel';

const segment = cn(
  'inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium',
  'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
  'data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-xs',
  'dark:data-[state=active]:bg-slate-900 dark:data-[state=active]:text-slate-50',
  'motion-safe:transition-colors',
  focusRing,
);

/** Test Chat for every chatbot; call chatbots of companies with calls get Test Call beside it. */
export function TestTab({ chatbot }: { chatbot: Chatbot }) {
  const { callEnabled } = useSession();
  if (chatbot.chatbotType !== 'call' || !callEnabled) return <TestChatTab chatbot={chatbot} />;

  // Both stay mounted, so switching does not drop a conversation or hang up a call.
  return (
    <Tabs.Root defaultValue="chat" className="space-y-4">
      <Tabs.List
        aria-label="Test mode"
        className="inline-flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800"
      >
        <Tabs.Trigger value="chat" className={segment}>
          <MessageSquare className="size-4" aria-hidden="true" />
          Test Chat
        </Tabs.Trigger>
        <Tabs.Trigger value="call" className={segment}>
          <Phone className="size-4" aria-hidden="true" />
          Test Call
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="chat" forceMount className="outline-none data-[state=inactive]:hidden">
        <TestChatTab chatbot={chatbot} />
      </Tabs.Content>
      <Tabs.Content value="call" forceMount className="outline-none data-[state=inactive]:hidden">
        <TestCallPanel chatbot={chatbot} />
      </Tabs.Content>
    </Tabs.Root>
  );
}
