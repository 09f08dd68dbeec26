import { Card, CardBody, CardHeader } from '../../components/ui/Card';

const SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

// body: the raw request body as a string, before JSON.parse
function isFromBuzzi(secret, signatureHeader, body) {
  const parts = Object.fromEntries(signatureHeader.split(',').map((p) => p.split('=')));
  const age = Math.abs(Date.now() / 1000 - Number(parts.t));
  if (!(age <= 300)) return false; // older than 5 minutes: a replay
  const expected = createHmac('sha256', secret).update(\`\${parts.t}.\${body}\`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}`;

/** How a receiver checks that a request came from Buzzi. */
export function SignatureHelp() {
  return (
    <Card>
      <CardHeader
        title="Verifying events"
        description="Every request is signed with the endpoint's secret, so your receiver can refuse anything else."
      />
      <CardBody className="space-y-3 text-sm text-slate-700 dark:text-slate-300">
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            Read the <code className="font-mono">Buzzi-Signature</code> header:{' '}
            <code className="font-mono">t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>.
          </li>
          <li>
            Compute HMAC-SHA256 of <code className="font-mono">&lt;t&gt;.&lt;raw body&gt;</code>{' '}
            with the whole secret (<code className="font-mono">whsec_…</code>) as the key.
          </li>
          <li>
            Compare it with <code className="font-mono">v1</code> in constant time and refuse
            timestamps older than five minutes.
          </li>
          <li>
            Answer any 2xx status within 10 seconds. Other answers are retried with growing waits;
            an endpoint that keeps failing is disabled.
          </li>
        </ol>
        <p>
          The body is JSON <code className="font-mono">{'{ id, type, createdAt, data }'}</code>;{' '}
          <code className="font-mono">Buzzi-Event</code> names the event and{' '}
          <code className="font-mono">Buzzi-Delivery</code> the delivery (the same across retries,
          so you can ignore repeats).
        </p>
        <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 dark:bg-slate-950">
          <code>{SNIPPET}</code>
        </pre>
      </CardBody>
    </Card>
  );
}
