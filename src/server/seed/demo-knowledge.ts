import type { Database } from '../db/client.js';
import {
  chatbotKnowledgeCategories,
  knowledgeCategories,
  knowledgeDocuments,
} from '../db/schema/index.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export const DEMO_PRACTICE_INFORMATION = `# Acme Dental practice information

## Opening hours and business hours
Acme Dental is open Monday to Friday from 8:00 to 18:00 and on Saturday from 9:00 to 13:00. We are closed on Sunday and on public holidays.
The reception answers the phone during opening hours. Outside opening hours, please leave a message or use the emergency number below.

## Address and directions
Acme Dental, 42 Harbour Street, Springfield SP1 4AB. We are on the first floor above the pharmacy, and there is a lift.
Buses 7 and 12 stop at Harbour Square, a two-minute walk from the practice.

## Parking
Free parking for patients is available behind the building; enter from Mill Lane. Two spaces next to the entrance are reserved for disabled visitors.
The public car park at Harbour Square costs 2 euros per hour.

## Treatments and prices
- Check-up and examination: 45 euros
- Check-up for children under 16: free
- Professional cleaning (hygienist, 30 minutes): 70 euros
- Tooth-coloured filling: from 90 euros
- Root canal treatment: from 450 euros
- Tooth whitening: 290 euros
- Crown: from 650 euros
- Dental implant, including crown: from 1,900 euros
We accept cash, debit and credit cards. For treatments over 500 euros you can pay in up to six monthly instalments at no extra cost.

## Dental emergencies
For severe toothache, a knocked-out tooth, swelling or bleeding that will not stop, call our emergency number +1 555 0199. It is answered around the clock, also at weekends.
During opening hours we keep emergency slots free every day, so you will be seen the same day.

## Booking and cancellation policy
You can book an appointment by phone on +1 555 0100, by e-mail at hello@acme-dental.test or through this chat.
Please arrive ten minutes early for your first visit and bring a list of any medicines you take.
If you cannot come, cancel or move your appointment at least 24 hours in advance, free of charge. Appointments cancelled later or missed without notice are charged a fee of 30 euros.
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
