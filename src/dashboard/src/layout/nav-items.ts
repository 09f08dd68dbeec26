import {
  BookOpen,
  Bot,
  Building2,
  ChartNoAxesColumnIncreasing,
  Cpu,
  Inbox,
  type LucideIcon,
  Package,
  Phone,
  PlugZap,
  Route,
  Settings,
  Ticket,
  Webhook,
} from 'lucide-react';

export type NavItem = {
  to: string;
  label: string;
  icon: LucideIcon;
  needsCallFeature?: boolean;
  /** Shown to company admins only: the pages of such items answer others 403. */
  adminOnly?: boolean;
};

export const companyNav: NavItem[] = [
  { to: '/chatbots', label: 'Chatbots', icon: Bot },
  { to: '/knowledge', label: 'Knowledge Base', icon: BookOpen },
  { to: '/inbox', label: 'Inbox', icon: Inbox },
  { to: '/calls', label: 'Calls', icon: Phone, needsCallFeature: true },
  { to: '/call-routing', label: 'Call routing', icon: Route, needsCallFeature: true },
  {
    to: '/analytics',
    label: 'Analytics',
    icon: ChartNoAxesColumnIncreasing,
    needsCallFeature: true,
  },
  { to: '/tickets', label: 'Tickets', icon: Ticket },
  {
    to: '/integration-accounts',
    label: 'Integration Accounts',
    icon: PlugZap,
    needsCallFeature: true,
  },
  { to: '/webhooks', label: 'Webhooks', icon: Webhook, adminOnly: true },
  { to: '/settings', label: 'Settings', icon: Settings },
];

export const platformNav: NavItem[] = [
  { to: '/master/companies', label: 'Companies', icon: Building2 },
  { to: '/master/ai-models', label: 'AI Models', icon: Cpu },
  { to: '/master/chatbot-packages', label: 'Chatbot Packages', icon: Package },
];
