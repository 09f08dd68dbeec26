import type { Database } from '../db/client.js';
import {
  chatbotKnowledgeCategories,
  knowledgeCategories,
  knowledgeDocuments,
} from '../db/schema/index.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export const DEMO_PRACTICE_INFORMATION = `# Acme Dental practice information

Acme Dental is a family practice in the centre of Springfield. Dr. Sarah Lee and Dr. Tom Okafor have looked after patients of all ages here since 2009.

## Opening hours
We are open Monday to Friday from 8:00 to 18:00 and on Saturday from 9:00 to 13:00. The practice is closed on Sundays and public holidays.
Reception answers the phone from 7:45 on weekdays. If you call when we are closed, leave a message and we will call you back the next working day.

## Finding us
The practice is at 42 Harbour Street, Springfield SP1 4AB, on the first floor above the pharmacy; there is a lift. Buses 7 and 12 stop at Harbour Square, a two-minute walk away.

## Parking
Patients park free of charge behind the building (entrance from Mill Lane). Two spaces next to the door are reserved for disabled visitors. The public car park on Harbour Square costs €2 per hour.

## Treatments and fees
- Check-up and examination: €45
- Check-up for children under 16: free
- Hygienist cleaning (30 min): €70
- Tooth-coloured filling: from €90
- Root canal treatment: from €450
- Tooth whitening in the chair, about 90 minutes: €290
- Crown: from €650
- Implant including the crown: from €1,900

## Paying and insurance
We accept cash and all major debit and credit cards. Treatment over €500 can be paid in up to six monthly instalments at no extra cost.
We bill Allianz, AXA and DKV directly. With any other insurer you pay us and we give you an itemised invoice to claim the cost back.

## Dental emergencies
If you have severe toothache, a swollen face, bleeding that will not stop or a knocked-out tooth, call us on +1 555 0100 as early as you can: we keep emergency appointments free every day. At night and at weekends our emergency line, +1 555 0199, is answered around the clock.

## Appointments and cancellations
You can book by phone on +1 555 0100, by e-mail to hello@acme-dental.test or here in the chat. On your first visit, please arrive ten minutes early and bring your insurance card and a list of any medicines you take.
If you cannot come, cancel or move your appointment at least 24 hours ahead; that is free. Appointments cancelled later or missed without notice cost a €30 fee.
`;

/**
 * The demo's knowledge: a "Practice information" category with one document,
 * linked to the demo chatbot. The document is stored as `processing`; the
 * server chunks it at start-up like any unfinished document.
 */
export async function seedDemoKnowledge(
  tx: Transaction,
  ids: { companyId: string; chatbotId: string },
): Promise<void> {
  const [category] = await tx
    .insert(knowledgeCategories)
    .values({
      companyId: ids.companyId,
      name: 'Practice information',
      description: 'Opening hours, address, prices and policies of the practice.',
    })
    .returning({ id: knowledgeCategories.id });
  if (!category) throw new Error('Demo category insert returned nothing');
  const content = DEMO_PRACTICE_INFORMATION.trim();
  await tx.insert(knowledgeDocuments).values({
    companyId: ids.companyId,
    categoryId: category.id,
    title: 'Acme Dental practice information',
    sourceType: 'text',
    sizeBytes: Buffer.byteLength(content),
    content,
    status: 'processing',
  });
  await tx.insert(chatbotKnowledgeCategories).values({
    companyId: ids.companyId,
    chatbotId: ids.chatbotId,
    categoryId: category.id,
  });
}
