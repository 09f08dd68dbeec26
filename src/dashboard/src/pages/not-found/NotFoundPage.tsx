import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '../../components/ui/Button';
import { EmptyState } from '../../components/ui/EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState
      icon={Compass}
      title="Page not found"
      description="The page you are looking for does not exist or has moved."
      action={
        <Button asChild variant="primary">
          <Link to="/">Go to the dashboard</Link>
        </Button>
      }
    />
  );
}
