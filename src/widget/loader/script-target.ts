/** Which chatbot the embedding page asked for, and where the Buzzi server is. */
export type ScriptTarget = { chatbotId: string; apiBase: string };

/**
 * Reads the `<script src=".../widget.js" data-chatbot-id="…">` tag. The API
 * origin is the script's own origin, so one snippet works on any website.
 */
export function scriptTargetOf(script: Element | null): ScriptTarget | null {
  const tag =
    script instanceof HTMLScriptElement && script.dataset.chatbotId
      ? script
      : document.querySelector<HTMLScriptElement>('script[src][data-chatbot-id]');
  const chatbotId = tag?.dataset.chatbotId;
  if (!tag?.src || !chatbotId) return null;
  return { chatbotId, apiBase: new URL(tag.src, document.baseURI).origin };
}
