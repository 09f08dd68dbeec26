import type { CallClientSettings } from './call-protocol';

export type MicrophoneResult = { ok: true; stream: MediaStream } | { ok: false; message: string };

/** Asks for the microphone with the chatbot's audio processing; a refusal becomes a message. */
export async function openMicrophone(
  settings: Pick<CallClientSettings, 'echoCancellation' | 'noiseSuppression'>,
): Promise<MicrophoneResult> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {
      ok: false,
      message: 'This page cannot use a microphone: it is not served over HTTPS.',
    };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        echoCancellation: settings.echoCancellation,
        noiseSuppression: settings.noiseSuppression,
        autoGainControl: true,
        channelCount: 1,
      },
    });
    return { ok: true, stream };
  } catch (error) {
    return { ok: false, message: refusalMessage(error) };
  }
}

export function releaseMicrophone(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function refusalMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Microphone access is blocked. ${allowHint()} Then start the call again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect a microphone and try again.';
    case 'NotReadableError':
      return 'Your microphone is in use by another application. Close it and try again.';
    default:
      return 'The microphone could not be started. Please try again.';
  }
}

/** Where this browser lets the visitor allow the microphone again. */
function allowHint(): string {
  const agent = navigator.userAgent;
  if (/Firefox\//.test(agent)) {
    return 'Click the microphone or lock icon in the address bar and allow the microphone.';
  }
  if (/Safari\//.test(agent) && !/Chrome\/|Chromium\/|Edg\//.test(agent)) {
    return 'Open Safari › Settings for This Website and set Microphone to Allow.';
  }
  return 'Click the lock (site settings) icon in the address bar and allow the microphone.';
}
