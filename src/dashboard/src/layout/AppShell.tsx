import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { InboxConnectionContext, useInboxEventStream } from '../api/inbox-events';
import { useSession } from '../auth/session-context';
import { Spinner } from '../components/ui/Spinner';
import { IntegrationAlerts } from './IntegrationAlerts';
import { Logo } from './Logo';
import { MobileNav } from './MobileNav';
import { NotificationBell } from './NotificationBell';
import { PresenceSwitch } from './PresenceSwitch';
import { IncomingCalls } from './ringing/IncomingCalls';
import { SidebarNav } from './SidebarNav';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { WebhookAlerts } from './WebhookAlerts';

export function AppShell() {
  const { activeCompany, isCompanyAdmin, callEnabled } = useSession();
  const inboxConnection = useInboxEventStream(activeCompany?.id ?? null);
  return (
    <InboxConnectionContext value={inboxConnection}>
      <div className="min-h-dvh md:pl-64">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-blue-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-slate-200 bg-white md:flex dark:border-slate-800 dark:bg-slate-900">
          <div className="flex h-14 shrink-0 items-center border-b border-slate-200 px-5 dark:border-slate-800">
            <Logo />
          </div>
          <SidebarNav />
        </aside>
        <div className="flex min-h-dvh min-w-0 flex-col">
          <header className="sticky top-0 z-20 flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white/85 px-3 backdrop-blur sm:px-6 dark:border-slate-800 dark:bg-slate-950/85">
            <MobileNav />
            <div className="md:hidden">
              <Logo />
            </div>
            <div className="ml-auto flex items-center gap-1">
              {activeCompany && callEnabled && <PresenceSwitch companyId={activeCompany.id} />}
              {activeCompany && isCompanyAdmin && <NotificationBell companyId={activeCompany.id} />}
              <ThemeToggle />
              <UserMenu />
            </div>
          </header>
          <main
            id="main"
            tabIndex={-1}
            className="flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8"
          >
            <div className="mx-auto w-full max-w-6xl">
              {activeCompany && isCompanyAdmin && callEnabled && (
                <IntegrationAlerts companyId={activeCompany.id} />
              )}
              {activeCompany && isCompanyAdmin && <WebhookAlerts companyId={activeCompany.id} />}
              <Suspense
                fallback={
                  <div role="status" className="flex items-center gap-2 py-10 text-slate-500">
                    <Spinner />
                    Loading…
                  </div>
                }
              >
                <Outlet />
              </Suspense>
            </div>
          </main>
        </div>
        {activeCompany && callEnabled && <IncomingCalls companyId={activeCompany.id} />}
      </div>
    </InboxConnectionContext>
  );
}
