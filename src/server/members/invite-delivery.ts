import type { FastifyRequest } from 'fastify';
import type { CompanyRole } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../http/errors.js';
import { publicBaseUrl } from '../http/public-url.js';
import { invitationMail } from '../mail/invitation-mail.js';
import { revokeInvite } from './invites.js';

/**
 * How an invitation reached the invitee. With a mail server the link goes only
 * to the mailbox, so whoever accepts has proven they read it; without one the
 * inviting admin gets the link to hand over.
 */
export type InviteDelivery = { inviteUrl: string | null; emailed: boolean };

export async function deliverInvite(
  deps: Pick<AppDeps, 'config' | 'db' | 'mailer'>,
  request: FastifyRequest,
  invite: { id: string; token: string; email: string; companyName: string; role: CompanyRole },
): Promise<InviteDelivery> {
  // With a mailer configured, config requires PUBLIC_URL: a mailed link never
  // follows the request's Host header.
  const inviteUrl = `${publicBaseUrl(deps.config, request)}/invite/${invite.token}`;
  if (!deps.mailer) return { inviteUrl, emailed: false };
  try {
    await deps.mailer.send(invitationMail({ to: invite.email, inviteUrl, ...invite }));
  } catch (err) {
    await revokeInvite(deps.db, invite.id);
    // The server's reply can quote the recipient, so only its codes are logged.
    const cause = (err as { cause?: { code?: unknown; responseCode?: unknown } }).cause;
    request.log.warn(
      { code: cause?.code, responseCode: cause?.responseCode },
      'invitation mail failed',
    );
    throw new AppError(
      502,
      'mail_failed',
      'The invitation email could not be sent, so no invitation was created. Check the mail server settings and try again.',
    );
  }
  return { inviteUrl: null, emailed: true };
}
