import { useEffect, useRef } from 'preact/hooks';
import type { CallState } from '../call/call-types';
import type { WidgetContext } from '../types';
import { ActiveCall } from './screens/ActiveCall';
import { BeforeCall } from './screens/BeforeCall';
import { CallEnded } from './screens/CallEnded';
import { Connecting, RequestingMicrophone } from './screens/PendingScreens';
import {
  CALL_UNAVAILABLE_TEXT,
  CallFailed,
  CallUnavailable,
  MicrophoneDenied,
} from './screens/ProblemScreens';
import { useCall } from './use-call';

/** Filled in on every render, so the loader can reach the current view. */
export type CallBridge = { startCall(): void; focus(): void };

const announcements: Record<CallState['status'], string> = {
  idle: '',
  'requesting-microphone': 'Requesting microphone access',
  'microphone-denied': 'Microphone access required',
  connecting: 'Connecting the call',
  active: 'Call in progress',
  ended: 'Call ended',
  failed: 'Unable to connect',
  unavailable: CALL_UNAVAILABLE_TEXT,
};

const inCall = new Set<CallState['status']>(['requesting-microphone', 'connecting', 'active']);

export function CallView({ context, bridge }: { context: WidgetContext; bridge: CallBridge }) {
  const { config, callsAvailable } = context;
  const call = useCall(context.apiBase, config.chatbot.publicId);
  const { controller, state, transcript } = call;
  const heading = useRef<HTMLHeadingElement>(null);
  const busy = inCall.has(state.status);

  bridge.startCall = () => {
    if (callsAvailable && !busy) call.start();
  };
  bridge.focus = () => heading.current?.focus();

  // A new screen replaces the control that had focus: move focus to its heading.
  const screen = callsAvailable ? state.status : 'unavailable';
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of screen
  useEffect(() => {
    if (takesFocus(heading.current)) heading.current?.focus();
  }, [screen]);

  const toChat = () => {
    if (!busy) call.reset();
    context.show('chat');
  };

  return (
    <div class="bz-call">
      <p class="bz-sr-only" role="status">
        {announcements[screen]}
      </p>
      {(() => {
        if (!callsAvailable) {
          const message = config.call?.message ?? CALL_UNAVAILABLE_TEXT;
          // With the whole chatbot switched off, the chat has nothing to offer either.
          const onChat = config.available === false ? null : toChat;
          return <CallUnavailable headingRef={heading} message={message} onChat={onChat} />;
        }
        switch (state.status) {
          case 'idle':
            return (
              <BeforeCall
                headingRef={heading}
                welcome={config.widget.call.welcomeMessage}
                recorded={config.call?.recorded === true}
                onStart={call.start}
                onChat={toChat}
              />
            );
          case 'requesting-microphone':
            return <RequestingMicrophone headingRef={heading} onCancel={call.reset} />;
          case 'connecting':
            return <Connecting headingRef={heading} onCancel={call.reset} />;
          case 'microphone-denied':
            return <MicrophoneDenied headingRef={heading} onRetry={call.start} onChat={toChat} />;
          case 'active':
            return controller ? (
              <ActiveCall
                headingRef={heading}
                state={state}
                controller={controller}
                transcript={transcript}
                settings={config.widget.call}
                agentName={config.chatbot.name}
                recorded={config.call?.recorded === true}
              />
            ) : null;
          case 'ended':
            return controller ? (
              <CallEnded
                headingRef={heading}
                state={state}
                controller={controller}
                hasTranscript={transcript.length > 0}
                onChat={toChat}
                onCallAgain={call.start}
              />
            ) : null;
          case 'failed':
            return (
              <CallFailed
                headingRef={heading}
                message={state.message}
                onRetry={call.start}
                onChat={toChat}
              />
            );
          case 'unavailable':
            return <CallUnavailable headingRef={heading} message={state.message} onChat={toChat} />;
        }
      })()}
    </div>
  );
}

/** Only when focus is in the widget, or was lost with the replaced screen. */
function takesFocus(element: HTMLElement | null): boolean {
  if (!element?.isConnected) return false;
  const host = (element.getRootNode() as ShadowRoot).host;
  const active = document.activeElement;
  return active === null || active === document.body || active === host;
}
