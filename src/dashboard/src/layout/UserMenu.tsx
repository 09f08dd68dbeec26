import { LogOut } from 'lucide-react';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/auth';
import { useSession } from '../auth/session-context';
import {
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuTrigger,
} from '../components/ui/Menu';
import { cn } from '../lib/cn';
import { initials } from '../lib/format';
import { focusRing } from '../lib/styles';

export function UserMenu() {
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();

  return (
    <Menu>
      <MenuTrigger
        aria-label={`Account menu for ${user.name || user.email}`}
        className={cn(
          'flex items-center gap-2 rounded-full p-0.5 pr-0.5 hover:bg-slate-100 sm:rounded-lg sm:pr-2 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        {user.avatarUrl ? (
          <img src={user.avatarUrl} alt="" className="size-8 rounded-full object-cover" />
        ) : (
          <span className="grid size-8 place-items-center rounded-full bg-blue-600 text-xs font-semibold text-white">
            {initials(user.name, user.email)}
          </span>
        )}
        <span className="hidden max-w-40 truncate text-sm font-medium text-slate-700 sm:block dark:text-slate-200">
          {user.name || user.email}
        </span>
      </MenuTrigger>
      <MenuContent align="end" className="w-64">
        <MenuLabel className="font-normal">
          <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-50">
            {user.name || 'Signed in'}
          </span>
          <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
            {user.email}
          </span>
        </MenuLabel>
        <MenuSeparator />
        <MenuItem
          onSelect={() =>
            logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
          }
        >
          <LogOut className="size-4 text-slate-500" aria-hidden="true" />
          Log out
        </MenuItem>
      </MenuContent>
    </Menu>
  );
}
