import { Building2 } from 'lucide-react';
import { Link, Outlet } from 'react-router';
import { Button } from '../components/ui/Button';
import { EmptyState } from '../components/ui/EmptyState';
import { useSession } from './session-context';

/** Company pages need an active company; a user without one gets an explanation. */
export function RequireCompany() {
  const { activeCompany, isMasterAdmin } = useSession();
  if (activeCompany) return <Outlet key={activeCompany.id} />;
  return (
    <EmptyState
      icon={Building2}
      title="No company selected"
      description={
        isMasterAdmin
          ? 'You are not a member of any active company. Create one under Platform → Companies.'
          : 'Your account is not a member of any company yet. Ask a company admin to invite you.'
      }
      action={
        isMasterAdmin && (
          <Button asChild variant="primary">
            <Link to="/master/companies">Go to companies</Link>
          </Button>
        )
      }
    />
  );
}
