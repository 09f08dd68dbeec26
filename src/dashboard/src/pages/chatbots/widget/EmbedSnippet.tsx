import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { CopyButton } from '../../../components/ui/CopyButton';

export function embedSnippet(publicId: string): string {
  return `<script src="${window.location.origin}/widget.js" data-chatbot-id="${publicId}" async></script>`;
}

export function EmbedSnippet({ publicId }: { publicId: string }) {
  const snippet = embedSnippet(publicId);
  return (
    <Card>
      <CardHeader
        title="Add the widget to your website"
        description="Paste this line before </body> on every page where the chat should appear."
        actions={<CopyButton text={snippet} label="Copy" aria-label="Copy embed code" />}
      />
      <CardBody>
        <pre
          data-testid="embed-snippet"
          className="overflow-x-auto rounded-md bg-slate-950 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100 dark:bg-black/40"
        >
          <code>{snippet}</code>
        </pre>
      </CardBody>
    </Card>
  );
}
