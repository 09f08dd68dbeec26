import { PhoneOff } from 'lucide-react';
import { EmptyState } from './ui/EmptyState';

/** Shown where a company without the Call Feature opens a calls page. */
export function CallFeatureDisabledState({ message }: { message: string }) {
  return (
    <EmptyState
      icon={PhoneOff}
      title="Voice calls are not enabled"
      description={`${message} Your platform administrator can turn on the Call Feature for your company.`}
    />
  );
}
