import { Bot, Phone } from 'lucide-react';
import { Link } from 'react-router';
import type { Chatbot } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { cn } from '../../lib/cn';
import { formatDate } from '../../lib/format';

export function ChatbotTypeBadge({ type }: { type: Chatbot['chatbotType'] }) {
  return type === 'call' ? (
    <Badge tone="violet">
      <Phone className="size-3" aria-hidden="true" />
      Call
    </Badge>
  ) : (
    <Badge tone="blue">
      <Bot className="size-3" aria-hidden="true" />
      Chat
    </Badge>
  );
}

export function ChatbotCard({ chatbot, modelName }: { chatbot: Chatbot; modelName: string }) {
  return (
    // The whole card is clickable through the title link's overlay; the link's name stays short.
    <article
      className={cn(
        'group relative flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-xs',
        'hover:border-slate-300 hover:shadow-sm motion-safe:transition',
        'dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-700',
        'has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-blue-500',
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0 truncate text-sm font-semibold text-slate-900 group-hover:text-blue-700 dark:text-slate-50 dark:group-hover:text-blue-300">
          <Link
            to={`/chatbots/${chatbot.id}`}
            className="outline-none after:absolute after:inset-0"
          >
            {chatbot.name}
          </Link>
        </h2>
        <ChatbotTypeBadge type={chatbot.chatbotType} />
      </div>
      <p className="mt-1.5 line-clamp-2 min-h-10 text-sm text-slate-500 dark:text-slate-400">
        {chatbot.description || 'No description'}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 border-t border-slate-100 pt-4 text-xs dark:border-slate-800">
        <div className="min-w-0">
          <dt className="text-slate-500 dark:text-slate-400">Model</dt>
          <dd className="mt-0.5 truncate font-medium text-slate-700 dark:text-slate-300">
            {modelName}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-slate-500 dark:text-slate-400">Created</dt>
          <dd className="mt-0.5 truncate font-medium text-slate-700 dark:text-slate-300">
            {formatDate(chatbot.createdAt)}
          </dd>
        </div>
      </dl>
      {!chatbot.isActive && (
        <Badge tone="amber" className="mt-3 self-start">
          Inactive
        </Badge>
      )}
    </article>
  );
}
