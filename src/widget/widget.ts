import { fetchWidgetConfig } from './loader/fetch-config';
import { scriptTargetOf } from './loader/script-target';
import { type BuzziApi, mountWidget } from './loader/widget-shell';

declare global {
  interface Window {
    Buzzi?: BuzziApi;
  }
}

// Only readable while this script's top level runs.
const target = scriptTargetOf(document.currentScript);

if (target && !window.Buzzi) {
  const ready = bodyReady()
    .then(() => fetchWidgetConfig(target.apiBase, target.chatbotId))
    .then((config) => mountWidget(target, config));
  ready.catch((error: Error) => console.warn(`Buzzi widget: ${error.message}`));
  // Calls made before the widget is ready run once it is.
  const later = (action: (api: BuzziApi) => void) => () => void ready.then(action, () => {});
  window.Buzzi = {
    open: later((api) => api.open()),
    close: later((api) => api.close()),
    toggle: later((api) => api.toggle()),
    startCall: later((api) => api.startCall()),
  };
}

function bodyReady(): Promise<void> {
  if (document.body) return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}
