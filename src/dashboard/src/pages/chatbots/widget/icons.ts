import {
  CircleHelp,
  Headset,
  type LucideIcon,
  MessageCircle,
  MessageSquare,
  Mic,
  Phone,
  Sparkles,
} from 'lucide-react';
import type { WidgetCallSettings, WidgetSettings } from '../../../../../shared/chatbot-settings';

export const launcherIcons: Record<WidgetSettings['launcherIcon'], LucideIcon> = {
  chat: MessageCircle,
  message: MessageSquare,
  help: CircleHelp,
  sparkles: Sparkles,
  headset: Headset,
};

export const callButtonIcons: Record<WidgetCallSettings['buttonIcon'], LucideIcon> = {
  phone: Phone,
  mic: Mic,
  headset: Headset,
};
