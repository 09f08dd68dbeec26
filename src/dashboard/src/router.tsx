import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RequireCompany } from './auth/RequireCompany';
import { RequireMaster } from './auth/RequireMaster';
import { AppShell } from './layout/AppShell';
import { RouteError } from './layout/RouteError';
import { Title } from './layout/Title';
import { ChatbotsPage } from './pages/chatbots/ChatbotsPage';
import { HomeRedirect } from './pages/home/HomeRedirect';
import { InvitePage } from './pages/invite/InvitePage';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/not-found/NotFoundPage';
import { SettingsPage } from './pages/settings/SettingsPage';

// Split off what most sessions never open: the chatbot editor (it carries zod for the
// widget form), the knowledge base, the inbox (the shell keeps only its live badge),
// integration accounts and calls (they carry phone number metadata) and the platform admin pages.
// AppShell's <Suspense> covers the load.
const KnowledgePage = lazy(() =>
  import('./pages/knowledge/KnowledgePage').then((m) => ({ default: m.KnowledgePage })),
);
const InboxPage = lazy(() =>
  import('./pages/inbox/InboxPage').then((m) => ({ default: m.InboxPage })),
);
const CallsPage = lazy(() =>
  import('./pages/calls/CallsPage').then((m) => ({ default: m.CallsPage })),
);
const TakeOverPage = lazy(() =>
  import('./pages/take-over/TakeOverPage').then((m) => ({ default: m.TakeOverPage })),
);
const CallRoutingPage = lazy(() =>
  import('./pages/call-routing/CallRoutingPage').then((m) => ({ default: m.CallRoutingPage })),
);
const AnalyticsPage = lazy(() =>
  import('./pages/analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })),
);
const TicketsPage = lazy(() =>
  import('./pages/tickets/TicketsPage').then((m) => ({ default: m.TicketsPage })),
);
const WebhooksPage = lazy(() =>
  import('./pages/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
);
const IntegrationAccountsPage = lazy(() =>
  import('./pages/integration-accounts/IntegrationAccountsPage').then((m) => ({
    default: m.IntegrationAccountsPage,
  })),
);
const ChatbotDetailPage = lazy(() =>
  import('./pages/chatbots/detail/ChatbotDetailPage').then((m) => ({
    default: m.ChatbotDetailPage,
  })),
);
const CompaniesPage = lazy(() =>
  import('./pages/master/companies/CompaniesPage').then((m) => ({ default: m.CompaniesPage })),
);
const CompanyDetailPage = lazy(() =>
  import('./pages/master/companies/CompanyDetailPage').then((m) => ({
    default: m.CompanyDetailPage,
  })),
);
const AiModelsPage = lazy(() =>
  import('./pages/master/ai-models/AiModelsPage').then((m) => ({ default: m.AiModelsPage })),
);
const PackagesPage = lazy(() =>
  import('./pages/master/chatbot-packages/PackagesPage').then((m) => ({
    default: m.PackagesPage,
  })),
);

function page(path: string, title: string, element: ReactNode): RouteObject {
  return { path, element: <Title text={title}>{element}</Title> };
}

const companyRoutes: RouteObject[] = [
  page('chatbots', 'Chatbots', <ChatbotsPage />),
  page('chatbots/:id', 'Chatbot', <ChatbotDetailPage />),
  page('knowledge', 'Knowledge Base', <KnowledgePage />),
  page('inbox/:conversationId?', 'Inbox', <InboxPage />),
  page('calls', 'Calls', <CallsPage />),
  page('calls/:id/take-over', 'Live call', <TakeOverPage />),
  page('call-routing', 'Call routing', <CallRoutingPage />),
  page('analytics', 'Analytics', <AnalyticsPage />),
  page('tickets', 'Tickets', <TicketsPage />),
  page('integration-accounts', 'Integration Accounts', <IntegrationAccountsPage />),
  page('webhooks', 'Webhooks', <WebhooksPage />),
  page('settings', 'Settings', <SettingsPage />),
];

const masterRoutes: RouteObject[] = [
  page('companies', 'Companies', <CompaniesPage />),
  page('companies/:id', 'Company', <CompanyDetailPage />),
  page('ai-models', 'AI Models', <AiModelsPage />),
  page('chatbot-packages', 'Chatbot Packages', <PackagesPage />),
  page('*', 'Not found', <NotFoundPage />),
];

export const router = createBrowserRouter([
  { ...page('/login', 'Sign in', <LoginPage />), errorElement: <RouteError /> },
  { ...page('/invite/:token', 'Join', <InvitePage />), errorElement: <RouteError /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            // Inside the shell, so a crashing page keeps the navigation around it.
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomeRedirect /> },
              { element: <RequireCompany />, children: companyRoutes },
              { path: 'master', element: <RequireMaster />, children: masterRoutes },
              page('*', 'Not found', <NotFoundPage />),
            ],
          },
        ],
      },
    ],
  },
]);
