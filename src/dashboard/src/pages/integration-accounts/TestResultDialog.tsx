import type { IntegrationTestResult } from '../../api/types';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { Dialog, DialogBody, DialogFooter } from '../../components/ui/Dialog';
import { Spinner } from '../../components/ui/Spinner';
import { formErrorMessage } from '../../lib/errors';
import { TestOutcome } from './TestOutcome';

export type ConnectionTest = {
  /** What was tested: the account's name, or the form's values before they are saved. */
  subject: string;
  pending: boolean;
  error: unknown;
  result: IntegrationTestResult | null;
};

type TestResultDialogProps = {
  test: ConnectionTest | null;
  onClose: () => void;
};

/** Opens as the test starts, and shows each step once Twilio or Meta has answered. */
export function TestResultDialog({ test, onClose }: TestResultDialogProps) {
  const error = test && !test.pending ? formErrorMessage(test.error) : null;
  return (
    <Dialog
      open={test !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Connection test"
      description={test?.subject}
    >
      <DialogBody>
        {test?.pending && (
          <p
            role="status"
            className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400"
          >
            <Spinner />
            Checking the connection…
          </p>
        )}
        {error && (
          <Alert variant="error" title="The test could not run">
            {error}
          </Alert>
        )}
        {test?.result && !test.pending && <TestOutcome result={test.result} />}
      </DialogBody>
      <DialogFooter>
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
