// Holds `streams` connections to the change stream, meant to be started pinned to its own core. Tells the
// parent (IPC) once every stream has its opening comment; answers 'report' with what each stream received
// and when (this machine's clock, as the facade's occurredAt), and 'close' by closing them all.
import { Agent, get } from 'node:http';

const { url, streams } = JSON.parse(process.argv[2]);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const requests = [];
const received = Array.from({ length: streams }, () => []);

function open(index) {
  return new Promise((resolveOpen, reject) => {
    const request = get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`stream ${index} answered ${response.statusCode}`));
      response.setEncoding('utf8');
      let pending = '';
      response.on('data', (chunk) => {
        // Taken before parsing, so that a stream's time is when its bytes arrived.
        const at = Date.now();
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          if (line.startsWith(': youmi-facade change stream')) resolveOpen();
          else if (line.startsWith('data:')) {
            const event = JSON.parse(line.slice(5));
            received[index].push({ id: event.id, key: event.key, occurredAt: event.occurredAt, at });
          }
        }
      });
    });
    request.on('error', reject);
    requests.push(request);
  });
}

// In batches, so that the connections do not overflow the server's accept backlog.
for (let first = 0; first < streams; first += 100) {
  await Promise.all(Array.from({ length: Math.min(100, streams - first) }, (_, i) => open(first + i)));
}
process.send({ open: streams });

process.on('message', (message) => {
  if (message === 'report') process.send({ received });
  if (message === 'close') {
    for (const request of requests) request.destroy();
    agent.destroy();
    process.disconnect();
  }
});
