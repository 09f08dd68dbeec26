import type { IntegrationAccount, IntegrationTestResult } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { DialogBody, DialogFooter } from '../../components/ui/Dialog';
import { TestOutcome } from './TestOutcome';
import { WebhookSetup } from './WebhookSetup';
import { WhatsAppSetup } from './WhatsAppSetup';

export type TestedAccount = { account: IntegrationAccount; test: IntegrationTestResult };

type AccountSavedStepProps = {
  saved: TestedAccount;
  onEdit: () => void;
  onDone: () => void;
};

/** After a save: what the connection test found, and how to point Twilio or Meta at Buzzi. */
export function AccountSavedStep({ saved, onEdit, onDone }: AccountSavedStepProps) {
  return (
    <>
      <DialogBody className="space-y-6">
        <TestOutcome result={saved.test} />
        {saved.account.accountType === 'whatsapp' ? (
          <WhatsAppSetup account={saved.account} />
        ) : (
          <WebhookSetup account={saved.account} />
        )}
      </DialogBody>
      <DialogFooter>
        {!saved.test.ok && <Button onClick={onEdit}>Edit account</Button>}
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
