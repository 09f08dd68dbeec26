import { cn } from '../lib/cn';
import { Alert } from './ui/Alert';
import { Button } from './ui/Button';

type StickySaveBarProps = {
  /** The save button's text, e.g. "Save widget". */
  saveLabel: string;
  dirty: boolean;
  pending: boolean;
  hasFieldErrors: boolean;
  /** A failure that is not about one field. */
  formError: string | null;
  onDiscard: () => void;
};

/** The save footer of a long settings form: it sticks to the bottom so Save stays in reach. */
export function StickySaveBar({
  saveLabel,
  dirty,
  pending,
  hasFieldErrors,
  formError,
  onDiscard,
}: StickySaveBarProps) {
  return (
    <div
      className={cn(
        'sticky bottom-0 z-10 -mx-4 mt-6 flex flex-wrap items-center justify-end gap-3 border-t px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:shadow-sm',
        'border-slate-200 bg-white/90 dark:border-slate-800 dark:bg-slate-900/90',
      )}
    >
      {hasFieldErrors && (
        <p role="alert" className="mr-auto text-sm font-medium text-red-600 dark:text-red-400">
          Some fields need your attention.
        </p>
      )}
      {!hasFieldErrors && formError && (
        <Alert variant="error" className="mr-auto py-1.5">
          {formError}
        </Alert>
      )}
      {!hasFieldErrors && !formError && dirty && (
        <p className="mr-auto text-sm text-slate-500 dark:text-slate-400">
          You have unsaved changes.
        </p>
      )}
      {dirty && (
        <Button variant="ghost" disabled={pending} onClick={onDiscard}>
          Discard
        </Button>
      )}
      <Button type="submit" variant="primary" pending={pending} disabled={!dirty}>
        {saveLabel}
      </Button>
    </div>
  );
}
