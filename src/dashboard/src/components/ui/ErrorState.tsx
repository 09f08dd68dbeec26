import { RotateCw, TriangleAlert } from 'lucide-react';
import { errorMessage } from '../../lib/errors';
import { Button } from './Button';
import { StatePanel } from './StatePanel';

type ErrorStateProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
};

export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
  retrying,
  className,
}: ErrorStateProps) {
  return (
    <StatePanel
      role="alert"
      tone="error"
      icon={TriangleAlert}
      title={title}
      description={errorMessage(error)}
      className={className}
    >
      {onRetry && (
        <Button className="mt-5" onClick={onRetry} pending={retrying}>
          {!retrying && <RotateCw className="size-4" aria-hidden="true" />}
          Try again
        </Button>
      )}
    </StatePanel>
  );
}
