// A TCP pass-through in front of the simulator, so the soak can take the vendor down (connections refused,
// open ones cut) without restarting the simulator, whose records the soak keeps changing.
import { connect, createServer } from 'node:net';

export async function startVendorGate(target, port = 0) {
  const sockets = new Set();
  let server;
  let boundPort = port;

  const open = () =>
    new Promise((resolveOpen, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(boundPort, '127.0.0.1', () => {
        boundPort = server.address().port;
        resolveOpen();
      });
    });

  await open();
  return {
    get origin() {
      return `http://127.0.0.1:${boundPort}`;
    },
    /** Nothing listens any more (connections are refused) and every open connection is cut. */
    async down() {
      const closed = new Promise((resolveClose) => server.close(() => resolveClose()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    up: open,
    async close() {
      if (server.listening) await this.down();
    },
  };
}
