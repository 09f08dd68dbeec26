import type { ComponentChildren, Ref } from 'preact';
import { Icon } from '../../ui/Icon';

type ScreenProps = {
  title: string;
  /** Where focus lands when this screen replaces another. */
  headingRef: Ref<HTMLHeadingElement>;
  icon?: string;
  tone?: 'call' | 'danger' | 'muted';
  children: ComponentChildren;
};

/** The frame every call screen shares: a badge icon, a focusable heading, the content. */
export function Screen({ title, headingRef, icon, tone = 'call', children }: ScreenProps) {
  return (
    <div class="bz-call-screen">
      {icon && (
        <span class="bz-call-badge" data-tone={tone}>
          <Icon paths={icon} size={26} />
        </span>
      )}
      <h3 ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </div>
  );
}

type ScreenAction = { label: string; icon: string; onClick(): void };

/** The buttons at the foot of a screen, primary first. */
export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="bz-call-actions">{children}</div>;
}

/** The two ways on from a call screen: the call action first, then back to the chat. */
export function CallOrChat({
  call,
  chat,
  chatTone = 'secondary',
}: {
  call: ScreenAction;
  chat: ScreenAction;
  chatTone?: 'secondary' | 'link';
}) {
  return (
    <Actions>
      <button type="button" class="bz-button" data-tone="call" onClick={call.onClick}>
        <Icon paths={call.icon} />
        {call.label}
      </button>
      <button type="button" class="bz-button" data-tone={chatTone} onClick={chat.onClick}>
        <Icon paths={chat.icon} />
        {chat.label}
      </button>
    </Actions>
  );
}
