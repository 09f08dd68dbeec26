import { render } from 'preact';
import type { MountCall } from '../types';
import { addStyles } from '../ui/styles';
import uiCss from '../ui/ui.css?inline';
import { type CallBridge, CallView } from './CallView';
import callCss from './call.css?inline';

/** The call chunk: loaded the first time the visitor opens the call screen. */
export const mountCall: MountCall = (slot, context) => {
  addStyles(context.shadowRoot, 'ui', uiCss);
  addStyles(context.shadowRoot, 'call', callCss);
  const bridge: CallBridge = { startCall: () => {}, focus: () => {} };
  render(<CallView context={context} bridge={bridge} />, slot);
  return { startCall: () => bridge.startCall(), focus: () => bridge.focus() };
};
