import { Icon } from '../ui/Icon';
import { icons } from '../ui/icons';

export const CHAT_UNAVAILABLE_TEXT = 'Chat unavailable';

/** Shown instead of the conversation while the chatbot or its company is switched off. */
export function ChatUnavailable({ message }: { message: string | null | undefined }) {
  return (
    <div class="bz-unavailable" role="status">
      <span class="bz-unavailable-badge">
        <Icon paths={icons.chat} size={26} />
      </span>
      <h3>{CHAT_UNAVAILABLE_TEXT}</h3>
      <p>{message || 'This chat is currently unavailable.'} Please try again later.</p>
    </div>
  );
}
