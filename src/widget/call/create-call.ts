import { BrowserCallController } from './browser-call-controller';
import type { CallController, CallControllerOptions } from './call-types';

/**
 * A controller for one call with a chatbot. Call `start()` from the click
 * that starts the call: browsers let a page play audio only after a gesture.
 */
export function createCallController(options: CallControllerOptions): CallController {
  return new BrowserCallController(options);
}
