import type { AccountType } from '../../../../shared/domain';
import type { IntegrationAccountStatus } from '../../api/types';
import type { BadgeTone } from '../../components/ui/Badge';

export const accountTypeLabels: Record<AccountType, string> = {
  twilio: 'Twilio',
  whatsapp: 'WhatsApp Business',
};

export const statusBadges: Record<IntegrationAccountStatus, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'green' },
  inactive: { label: 'Inactive', tone: 'red' },
  pending: { label: 'Pending', tone: 'amber' },
};
