import net from 'node:net';

/**
 * A TCP proxy whose link to the server is slow: what a client sends reaches
 * the server `latencyMs` later, in order. Replies come back at once.
 */
export async function startSlowTcpProxy(
  target: { host: string; port: number },
  latencyMs: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      setTimeout(() => upstream.write(chunk), latencyMs);
    });
    client.on('end', () => setTimeout(() => upstream.end(), latencyMs));
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
