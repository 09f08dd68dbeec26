import type { WebhookDelivery, WebhookEvent } from '../../api/webhooks';
import type { BadgeTone } from '../../components/ui/Badge';

export const eventLabels: Record<WebhookEvent, { title: string; description: string }> = {
  'call.started': { title: 'Call started', description: 'A caller is connected to an agent.' },
  'call.ended': { title: 'Call ended', description: 'The call is over; with its transcript.' },
  'call.analyzed': {
    title: 'Call analyzed',
    description: 'Summary, intent and urgency are ready, shortly after the end.',
  },
  'ticket.created': {
    title: 'Ticket created',
    description: 'A caller left a message, or staff made a ticket.',
  },
};

export const deliveryStatus: Record<WebhookDelivery['status'], { label: string; tone: BadgeTone }> =
  {
    succeeded: { label: 'Delivered', tone: 'green' },
    pending: { label: 'Retrying', tone: 'amber' },
    failed: { label: 'Failed', tone: 'red' },
  };

/** What the receiver answered, for the log: "HTTP 204", or the network problem. */
export function responseLabel(delivery: Pick<WebhookDelivery, 'responseStatus' | 'status'>) {
  if (delivery.responseStatus !== null) return `HTTP ${delivery.responseStatus}`;
  return delivery.status === 'pending' ? 'Not sent yet' : 'No answer';
}
