import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { mergeChatbotSettings } from '../../shared/chatbot-settings.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/client.js';
import {
  aiModels,
  chatbotPackages,
  chatbots,
  companies,
  companyMembers,
  users,
} from '../db/schema/index.js';
import { LOCAL_ENGINE_MODEL_ID, lockSeeding } from './catalog.js';
import { seedDemoKnowledge } from './demo-knowledge.js';

/** The demo chatbot's widget id, fixed so the demo page URL is the same on every install. */
export const DEMO_CHATBOT_PUBLIC_ID = 'cb_acme_dental_demo';
export const demoAccounts = {
  masterAdmin: 'admin@buzzi.local',
  companyAdmin: 'owner@acme.test',
  supportAgent: 'agent@acme.test',
} as const;

export const generateDemoPassword = () => randomBytes(9).toString('base64url');

/**
 * Creates the demo tenant on first start: a master admin and "Acme Dental"
 * with the call feature on, an owner, an agent, a call chatbot and the
 * practice information it answers from.
 * Returns false when it already exists (nothing is changed then).
 */
export async function seedDemoTenant(db: Database, password: string): Promise<boolean> {
  if (await demoExists(db)) return false;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await lockSeeding(tx);
    if (await demoExists(tx)) return false;
    const [admin, owner, agent] = await tx
      .insert(users)
      .values([
        {
          email: demoAccounts.masterAdmin,
          name: 'Platform Admin',
          passwordHash,
          isMasterAdmin: true,
        },
        { email: demoAccounts.companyAdmin, name: 'Olivia Owner', passwordHash },
        { email: demoAccounts.supportAgent, name: 'Sam Support', passwordHash },
      ])
      .returning({ id: users.id });
    const [company] = await tx
      .insert(companies)
      .values({
        name: 'Acme Dental',
        slug: 'acme-dental',
        settings: { features: { callEnabled: true }, limits: { maxConcurrentCalls: 5 } },
      })
      .returning({ id: companies.id });
    if (!admin || !owner || !agent || !company)
      throw new Error('Demo seed insert returned nothing');
    await tx.insert(companyMembers).values([
      { companyId: company.id, userId: owner.id, role: 'company_admin' },
      { companyId: company.id, userId: agent.id, role: 'support_agent' },
    ]);

    const [voicePackage] = await tx
      .select({ id: chatbotPackages.id })
      .from(chatbotPackages)
      .where(eq(chatbotPackages.chatbotType, 'call'))
      .limit(1);
    const [chatModel] = await tx
      .select({ id: aiModels.id })
      .from(aiModels)
      .where(and(eq(aiModels.provider, 'openai'), eq(aiModels.modelId, 'gpt-5-mini')));
    const [callModel] = await tx
      .select({ id: aiModels.id })
      .from(aiModels)
      .where(and(eq(aiModels.provider, 'local'), eq(aiModels.modelId, LOCAL_ENGINE_MODEL_ID)));
    const [chatbot] = await tx
      .insert(chatbots)
      .values({
        companyId: company.id,
        publicId: DEMO_CHATBOT_PUBLIC_ID,
        name: 'Acme Dental Receptionist',
        description: 'Answers questions about the practice and books callbacks.',
        chatbotType: 'call',
        packageId: voicePackage?.id ?? null,
        chatModelId: chatModel?.id ?? null,
        instructions:
          'You are the friendly receptionist of Acme Dental. Answer from the knowledge base, keep answers short, and offer to take a message when you cannot help.',
        settings: mergeChatbotSettings(
          {},
          {
            widget: {
              title: 'Acme Dental',
              welcomeMessage: 'Hi! Ask me about opening hours, treatments or appointments.',
            },
            call: {
              modelId: callModel?.id ?? null,
              // The local engine's default flite voice; the seeded default is an OpenAI voice.
              voice: 'slt',
              greeting: 'Hello, thanks for calling Acme Dental. How can I help you today?',
            },
          },
        ),
      })
      .returning({ id: chatbots.id });
    if (!chatbot) throw new Error('Demo chatbot insert returned nothing');
    await seedDemoKnowledge(tx, { companyId: company.id, chatbotId: chatbot.id });
    return true;
  });
}

async function demoExists(db: Pick<Database, 'select'>): Promise<boolean> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, demoAccounts.masterAdmin));
  return existing !== undefined;
}
