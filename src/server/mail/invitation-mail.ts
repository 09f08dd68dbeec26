import type { CompanyRole } from '../../shared/domain.js';
import type { MailMessage } from './mailer.js';

const roleNames: Record<CompanyRole, string> = {
  company_admin: 'a company admin',
  support_agent: 'a support agent',
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function invitationMail(input: {
  to: string;
  companyName: string;
  role: CompanyRole;
  inviteUrl: string;
}): MailMessage {
  const { companyName, inviteUrl } = input;
  const role = roleNames[input.role];
  return {
    to: input.to,
    subject: `You are invited to join ${companyName} on Buzzi`,
    text: [
      `You are invited to join ${companyName} on Buzzi as ${role}.`,
      '',
      `Open this link to accept (valid for 7 days):`,
      inviteUrl,
      '',
      'New to Buzzi? You set your name and password there. Already have an account? Sign in there to accept.',
      'If you did not expect this invitation, ignore this mail.',
    ].join('\n'),
    html: `<p>You are invited to join <strong>${escapeHtml(companyName)}</strong> on Buzzi as ${role}.</p>
<p><a href="${escapeHtml(inviteUrl)}">Accept the invitation</a> (valid for 7 days).</p>
<p>New to Buzzi? You set your name and password there. Already have an account? Sign in there to accept.</p>
<p>If you did not expect this invitation, ignore this mail.</p>`,
  };
}
