import { ArrowLeft, Bot } from 'lucide-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useChatbot } from '../../../api/chatbots';
import { isApiError } from '../../../api/client';
import { useSession } from '../../../auth/session-context';
import { Alert } from '../../../components/ui/Alert';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { FormSkeleton, Skeleton } from '../../../components/ui/Skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../../components/ui/Tabs';
import { BehaviorTab } from '../behavior/BehaviorTab';
import { ChatbotTypeBadge } from '../ChatbotCard';
import { CallOptionsTab } from '../call-options/CallOptionsTab';
import { KnowledgeTab } from '../knowledge/KnowledgeTab';
import { TestTab } from '../test-call/TestTab';
import { WidgetTab } from '../widget/WidgetTab';
import { GeneralTab } from './GeneralTab';

const tabs = ['general', 'behavior', 'knowledge', 'call-options', 'widget', 'test'] as const;

function BackLink() {
  return (
    <Link
      to="/chatbots"
      className="inline-flex items-center gap-1 rounded text-sm text-slate-500 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-slate-400 dark:hover:text-slate-100"
    >
      <ArrowLeft className="size-3.5" aria-hidden="true" />
      Chatbots
    </Link>
  );
}

export function ChatbotDetailPage() {
  const { id = '' } = useParams();
  const { isCompanyAdmin, callEnabled } = useSession();
  const chatbot = useChatbot(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = tabs.find((t) => t === searchParams.get('tab')) ?? 'general';

  if (chatbot.isPending) {
    return (
      <div role="status">
        <span className="sr-only">Loading chatbot…</span>
        <Skeleton className="mb-3 h-4 w-20" />
        <Skeleton className="mb-8 h-7 w-64" />
        <FormSkeleton fields={4} />
      </div>
    );
  }
  if (chatbot.isError) {
    if (isApiError(chatbot.error) && chatbot.error.status === 404) {
      return (
        <EmptyState
          icon={Bot}
          title="Chatbot not found"
          description="It may have been deleted, or it belongs to another company."
          action={
            <Button asChild>
              <Link to="/chatbots">Back to chatbots</Link>
            </Button>
          }
        />
      );
    }
    return (
      <ErrorState
        title="Could not load the chatbot"
        error={chatbot.error}
        onRetry={() => chatbot.refetch()}
        retrying={chatbot.isFetching}
      />
    );
  }

  const data = chatbot.data;
  // The call settings API is for company admins of companies with the Call Feature.
  const showCallOptions = data.chatbotType === 'call' && callEnabled && isCompanyAdmin;
  return (
    <>
      <PageHeader
        eyebrow={<BackLink />}
        title={
          <span className="flex min-w-0 items-center gap-3">
            <span className="truncate">{data.name}</span>
            <ChatbotTypeBadge type={data.chatbotType} />
            {!data.isActive && <Badge tone="amber">Inactive</Badge>}
          </span>
        }
        description={data.description || undefined}
      />
      {!isCompanyAdmin && (
        <Alert className="mb-6" variant="info">
          You have read-only access. Only company admins can change chatbots.
        </Alert>
      )}
      <Tabs
        value={tab === 'call-options' && !showCallOptions ? 'general' : tab}
        onValueChange={(next) =>
          setSearchParams(next === 'general' ? {} : { tab: next }, { replace: true })
        }
      >
        <TabsList aria-label="Chatbot settings">
          <TabsTrigger value="general">General</TabsTrigger>
          <TabsTrigger value="behavior">Behavior</TabsTrigger>
          <TabsTrigger value="knowledge">Knowledge Base</TabsTrigger>
          {showCallOptions && <TabsTrigger value="call-options">Call Options</TabsTrigger>}
          <TabsTrigger value="widget">Widget</TabsTrigger>
          <TabsTrigger value="test">Test</TabsTrigger>
        </TabsList>
        <TabsContent value="general">
          <GeneralTab key={data.id} chatbot={data} readOnly={!isCompanyAdmin} />
        </TabsContent>
        <TabsContent value="behavior">
          <BehaviorTab key={data.id} chatbot={data} readOnly={!isCompanyAdmin} />
        </TabsContent>
        <TabsContent value="knowledge">
          <KnowledgeTab key={data.id} chatbot={data} readOnly={!isCompanyAdmin} />
        </TabsContent>
        {showCallOptions && (
          <TabsContent value="call-options">
            <CallOptionsTab key={data.id} chatbot={data} />
          </TabsContent>
        )}
        <TabsContent value="widget">
          <WidgetTab key={data.id} chatbot={data} readOnly={!isCompanyAdmin} />
        </TabsContent>
        <TabsContent value="test">
          <TestTab key={data.id} chatbot={data} />
        </TabsContent>
      </Tabs>
    </>
  );
}
