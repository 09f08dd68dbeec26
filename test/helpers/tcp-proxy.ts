import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** The upstream's URL with host and port replaced by the proxy's. */
  url(upstreamUrl: string): string;
  /** Drops every connection and refuses new ones, as a dead server or a cut network would. */
  cut(): Promise<void>;
  /** Keeps every connection open but carries nothing more, as a hung server or a lost route would. */
  stall(): void;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
};

/** A TCP proxy on 127.0.0.1 in front of a real server, so a test can take the server away. */
export async function startTcpProxy(upstream: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    track(client);
    if (stalled) return;
    const remote = net.connect(upstream.port, upstream.host);
    track(remote);
    client.pipe(remote).pipe(client);
    client.on('error', () => remote.destroy());
    remote.on('error', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port,
    url: (upstreamUrl) => {
      const url = new URL(upstreamUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut,
    stall: () => {
      stalled = true;
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    restore: () => listen(port),
    close: () => (server.listening ? cut() : Promise.resolve()),
  };
}

/** Host and port of a postgres:// or redis:// URL. */
export function hostOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const defaults: Record<string, number> = {
    'postgres:': 5432,
    'postgresql:': 5432,
    'redis:': 6379,
  };
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : (defaults[parsed.protocol] ?? 0),
  };
}
