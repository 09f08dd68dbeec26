import { type LucideIcon, MessageCircle, MessageSquare, Phone } from 'lucide-react';
import type { ChannelType } from '../../../../shared/domain';
import type { InboxFilter } from '../../api/inbox';
import type { ConversationStatus } from '../../api/widget-chat';
import type { BadgeTone } from '../../components/ui/Badge';

export const filterLabels: Record<InboxFilter, string> = {
  waiting_human: 'Waiting',
  human: 'Active',
  open: 'All open',
  closed: 'Closed',
};

export const statusBadges: Record<ConversationStatus, { label: string; tone: BadgeTone }> = {
  bot: { label: 'With bot', tone: 'violet' },
  waiting_human: { label: 'Waiting', tone: 'amber' },
  human: { label: 'Active', tone: 'green' },
  closed: { label: 'Closed', tone: 'neutral' },
};

export const channels: Record<ChannelType, { label: string; icon: LucideIcon }> = {
  chat: { label: 'Website chat', icon: MessageSquare },
  voice_call: { label: 'Voice call', icon: Phone },
  whatsapp: { label: 'WhatsApp', icon: MessageCircle },
};
