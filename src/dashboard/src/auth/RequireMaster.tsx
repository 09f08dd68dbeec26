import { ShieldAlert } from 'lucide-react';
import { Link, Outlet } from 'react-router';
import { Button } from '../components/ui/Button';
import { EmptyState } from '../components/ui/EmptyState';
import { useSession } from './session-context';

export function RequireMaster() {
  const { isMasterAdmin } = useSession();
  if (isMasterAdmin) return <Outlet />;
  return (
    <EmptyState
      icon={ShieldAlert}
      title="You don't have access"
      description="This area is for platform administrators. If you think you should have access, contact your platform administrator."
      action={
        <Button asChild>
          <Link to="/">Back to the dashboard</Link>
        </Button>
      }
    />
  );
}
