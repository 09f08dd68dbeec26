import { Button } from './ui/Button';
import { CardFooter } from './ui/Card';

type SaveChangesFooterProps = {
  /** Whether the form differs from what is saved. */
  dirty: boolean;
  pending: boolean;
  onDiscard: () => void;
};

/** A settings form's card footer: Discard changes while there are any, and Save changes. */
export function SaveChangesFooter({ dirty, pending, onDiscard }: SaveChangesFooterProps) {
  return (
    <CardFooter>
      {dirty && (
        <Button variant="ghost" disabled={pending} onClick={onDiscard}>
          Discard changes
        </Button>
      )}
      <Button type="submit" variant="primary" pending={pending} disabled={!dirty}>
        Save changes
      </Button>
    </CardFooter>
  );
}
