import { type CallEvent, type ClientMessage, parseCallEvent } from './call-protocol';

export type CallSocketHandlers = {
  onOpen(): void;
  onEvent(event: CallEvent): void;
  /** Agent audio, PCM16 at the session's output rate. */
  onAudio(samples: Int16Array): void;
  /** The socket closed (or never opened); not called after `close()`. */
  onClose(code: number): void;
};

/** Beyond this much unsent audio the network is stalled; newer audio matters more than old. */
const MAX_BUFFERED_BYTES = 32_000;

/** The call's WebSocket: PCM16 binary frames both ways, JSON events in, control messages out. */
export class CallSocket {
  readonly #socket: WebSocket;
  #closed = false;

  constructor(url: string, handlers: CallSocketHandlers) {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => handlers.onOpen();
    socket.onmessage = (message: MessageEvent<ArrayBuffer | string>) => {
      if (typeof message.data === 'string') {
        const event = parseCallEvent(message.data);
        if (event) handlers.onEvent(event);
      } else if (message.data.byteLength >= 2) {
        handlers.onAudio(new Int16Array(message.data, 0, message.data.byteLength >> 1));
      }
    };
    socket.onclose = (event) => {
      if (!this.#closed) handlers.onClose(event.code);
      this.#closed = true;
    };
    this.#socket = socket;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(message: ClientMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message));
  }

  /** Caller audio; dropped while the socket is not open or the network is stalled. */
  sendAudio(samples: Int16Array): void {
    if (!this.isOpen || this.#socket.bufferedAmount > MAX_BUFFERED_BYTES) return;
    this.#socket.send(samples);
  }

  /** Closes after whatever was already sent; no onClose follows. */
  close(): void {
    this.#closed = true;
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    this.#socket.close(1000);
  }
}
