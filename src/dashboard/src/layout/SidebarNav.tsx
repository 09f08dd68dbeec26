import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSession } from '../auth/session-context';
import { cn } from '../lib/cn';
import { focusRing } from '../lib/styles';
import { CompanySwitcher } from './CompanySwitcher';
import { InboxWaitingBadge } from './InboxWaitingBadge';
import { companyNav, type NavItem, platformNav } from './nav-items';

type NavSectionProps = {
  title?: string;
  items: NavItem[];
  /** Shown at the end of an item, keyed by its path. */
  badges?: Partial<Record<string, ReactNode>>;
};

function NavSection({ title, items, badges = {} }: NavSectionProps) {
  return (
    <div className="space-y-1">
      {title && (
        <h2 className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
          {title}
        </h2>
      )}
      <ul className="space-y-0.5">
        {items.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium motion-safe:transition-colors',
                  focusRing,
                  'focus-visible:ring-offset-0',
                  isActive
                    ? 'bg-blue-50 text-blue-700 dark:bg-blue-950/60 dark:text-blue-200'
                    : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-50',
                )
              }
            >
              <Icon className="size-4 shrink-0" aria-hidden="true" />
              {label}
              {badges[to]}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The sidebar's content, shared by the desktop sidebar and the mobile drawer. */
export function SidebarNav() {
  const { activeCompany, callEnabled, isCompanyAdmin, isMasterAdmin, me } = useSession();
  const items = companyNav.filter(
    (item) => (!item.needsCallFeature || callEnabled) && (!item.adminOnly || isCompanyAdmin),
  );
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto px-3 py-4">
      {me.memberships.length > 0 && <CompanySwitcher />}
      <nav aria-label="Main" className="space-y-6">
        {activeCompany && <NavSection items={items} badges={{ '/inbox': <InboxWaitingBadge /> }} />}
        {isMasterAdmin && <NavSection title="Platform" items={platformNav} />}
      </nav>
    </div>
  );
}
