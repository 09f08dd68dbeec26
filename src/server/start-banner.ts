import { DEMO_CHATBOT_PUBLIC_ID } from './seed/demo.js';

type BannerInput = {
  baseUrl: string;
  database: 'pglite' | 'postgres';
  redis: boolean;
  demo: null | {
    created: boolean;
    /** The password, or where to find it. */
    password: string;
    accounts: { masterAdmin: string; companyAdmin: string; supportAgent: string };
  };
};

/** The start-up message a person reads, so it goes to stdout as plain text, not as a log line. */
export function printBanner({ baseUrl, database, redis, demo }: BannerInput): void {
  const lines = [
    '',
    '  Buzzi is running',
    '',
    `  Dashboard   ${baseUrl}/`,
    `  API         ${baseUrl}/api/health`,
    `  Database    ${database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}`,
    `  Event bus   ${redis ? 'Redis' : 'in-process'}`,
  ];
  if (demo) {
    lines.push(
      `  Widget demo ${baseUrl}/demo/${DEMO_CHATBOT_PUBLIC_ID}   (chat, and calls on the offline voice engine)`,
      '',
      `  Demo logins${demo.created ? ' (created now)' : ''}, password: ${demo.password}`,
      `    master admin   ${demo.accounts.masterAdmin}`,
      `    company admin  ${demo.accounts.companyAdmin}   (Acme Dental)`,
      `    support agent  ${demo.accounts.supportAgent}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
