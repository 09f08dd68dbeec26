import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useDeleteChatbot } from '../../../api/chatbots';
import type { Chatbot } from '../../../api/types';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody } from '../../../components/ui/Card';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { useToast } from '../../../components/ui/toast-context';
import { errorMessage } from '../../../lib/errors';

export function DeleteChatbotCard({ chatbot }: { chatbot: Chatbot }) {
  const remove = useDeleteChatbot();
  const navigate = useNavigate();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);

  return (
    <Card className="border-red-200 dark:border-red-900/50">
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <div className="space-y-1">
          <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-50">
            Delete chatbot
          </h2>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Removes the chatbot and its settings. Websites embedding it stop showing the widget.
          </p>
        </div>
        <Button
          variant="danger-outline"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          <Trash2 className="size-4" aria-hidden="true" />
          Delete chatbot
        </Button>
      </CardBody>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${chatbot.name}?`}
        description="This cannot be undone. The widget disappears from every website that embeds this chatbot."
        confirmLabel="Delete chatbot"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(chatbot.id, {
            onSuccess: () => {
              setConfirming(false);
              toast({ title: `${chatbot.name} deleted` });
              navigate('/chatbots', { replace: true });
            },
          })
        }
      />
    </Card>
  );
}
