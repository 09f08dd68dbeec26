import { useState } from 'react';
import type { AccountType } from '../../../../shared/domain';
import type { SavedAccount } from '../../api/integration-accounts';
import type { IntegrationAccount } from '../../api/types';
import { Dialog } from '../../components/ui/Dialog';
import { useToast } from '../../components/ui/toast-context';
import { AccountSavedStep, type TestedAccount } from './AccountSavedStep';
import { AccountTypeField } from './AccountTypeField';
import { TwilioAccountForm } from './TwilioAccountForm';
import { WhatsAppAccountForm } from './WhatsAppAccountForm';

type AccountDialogProps = {
  /** null adds a new account. */
  account: IntegrationAccount | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Opens the edit form of an account just saved, e.g. to fix what its test found. */
  onEdit: (account: IntegrationAccount) => void;
};

/** The add or edit form, then, once saved and tested, how to point Twilio at Buzzi. */
export function AccountDialog({ account, open, onOpenChange, onEdit }: AccountDialogProps) {
  const toast = useToast();
  const [saved, setSaved] = useState<TestedAccount | null>(null);
  const [newType, setNewType] = useState<AccountType>('twilio');
  const accountType = account?.accountType ?? newType;
  const close = () => onOpenChange(false);

  const onSaved = ({ account: savedAccount, test }: SavedAccount) => {
    if (test) {
      setSaved({ account: savedAccount, test });
      return;
    }
    toast({ title: `${savedAccount.name} saved` });
    close();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setSaved(null);
          setNewType('twilio');
        }
        onOpenChange(next);
      }}
      title={
        saved
          ? `${saved.account.name} saved`
          : account
            ? `Edit ${account.name}`
            : 'Add integration account'
      }
      description={
        saved
          ? saved.account.accountType === 'whatsapp'
            ? 'Buzzi tested the connection. Register this webhook in your Meta app to take calls.'
            : 'Buzzi tested the connection. Point your Twilio number at these URLs to take calls.'
          : 'Connect a phone number so a call chatbot answers its calls.'
      }
      size="lg"
    >
      {saved ? (
        <AccountSavedStep
          saved={saved}
          onEdit={() => {
            setSaved(null);
            onEdit(saved.account);
          }}
          onDone={() => {
            setSaved(null);
            close();
          }}
        />
      ) : accountType === 'whatsapp' ? (
        <WhatsAppAccountForm
          key={account?.id ?? 'new-whatsapp'}
          account={account}
          onSaved={onSaved}
          onCancel={close}
          typeField={account ? null : <AccountTypeField value={newType} onChange={setNewType} />}
        />
      ) : (
        <TwilioAccountForm
          key={account?.id ?? 'new'}
          account={account}
          onSaved={onSaved}
          onCancel={close}
          typeField={account ? null : <AccountTypeField value={newType} onChange={setNewType} />}
        />
      )}
    </Dialog>
  );
}
