import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import { createCompany, createUser, TEST_PASSWORD } from '../helpers/fixtures.js';
import { SseClient } from '../helpers/sse.js';
import { type Node, startTwoNodes } from '../helpers/two-nodes.js';
import { createChatChatbot, type WidgetMessage, WidgetVisitor } from '../helpers/widget-visitor.js';

const clustered = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

describe.runIf(clustered)('two nodes on one database and one Redis', () => {
  let cluster: Awaited<ReturnType<typeof startTwoNodes>>;
  let node1: Node;
  let node2: Node;
  let agent: ApiClient;
  let agentName: string;
  let bot: { id: string; publicId: string };

  beforeAll(async () => {
    cluster = await startTwoNodes();
    [node1, node2] = cluster.nodes;
    const company = await createCompany(cluster.db);
    const admin = await createUser(cluster.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    agentName = admin.name;
    agent = new ApiClient(node1.url);
    const login = await agent.post('/api/auth/login', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(200);
    bot = await createChatChatbot(agent);
  });
  afterAll(() => cluster?.close());

  it('delivers an Inbox reply posted to node 1 to a visitor stream on node 2', async () => {
    // The visitor is on node 2, the support agent on node 1.
    const visitor = await WidgetVisitor.start(node2.url, bot.publicId);
    const stream = await visitor.events();
    const inbox = await SseClient.open(new URL('/api/company/inbox/events', node1.url).toString(), {
      cookie: agent.cookieHeader,
    });
    try {
      await stream.next('conversation.status', (s) => s.status === 'bot');
      expect((await visitor.send('I want to talk to a person')).status).toBe(202);
      await stream.next('conversation.status', (s) => s.status === 'waiting_human');
      await stream.next('message.completed');
      await inbox.next(
        'conversation.updated',
        (u) => u.conversationId === visitor.conversationId && u.status === 'waiting_human',
      );

      const inboxPath = `/api/company/inbox/conversations/${visitor.conversationId}`;
      expect((await agent.post(`${inboxPath}/take`)).status).toBe(200);
      await stream.next('conversation.status', (s) => s.status === 'human');
      const sent = await agent.post<{ message: { id: string } }>(`${inboxPath}/messages`, {
        content: 'Hi, this is the front desk on node 1.',
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      const delivered = await stream.next<WidgetMessage>(
        'message.created',
        (m) => m.role === 'agent',
      );
      expect(delivered).toMatchObject({
        id: sent.body.message.id,
        content: 'Hi, this is the front desk on node 1.',
        authorName: agentName,
      });

      // And the other way: the visitor writes to node 2, the Inbox on node 1 hears it.
      expect((await visitor.send('Thanks!')).status).toBe(202);
      await inbox.next<{ conversationId: string; message: { content: string } }>(
        'message.created',
        (e) => e.conversationId === visitor.conversationId && e.message.content === 'Thanks!',
      );
    } finally {
      stream.close();
      inbox.close();
    }
  });
});
