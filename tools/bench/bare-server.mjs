// The practical limit: a bare node:http or Fastify server answering precomputed bytes with the very
// headers the facade sends. Usage: node bare-server.mjs node|fastify <fixtures.json>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [kind, fixturesPath] = process.argv.slice(2);
const fixtures = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(fixturesPath, 'utf8'))).map(([path, f]) => [
    path,
    { headers: f.headers, body: Buffer.from(f.body, 'utf8') },
  ]),
);

function ready(port) {
  process.stdout.write(`listening ${port}\n`);
}

if (kind === 'node') {
  const server = createServer((req, res) => {
    const fixture = fixtures[req.url];
    if (!fixture) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...fixture.headers, 'content-length': fixture.body.length });
    res.end(fixture.body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => ready(server.address().port));
} else {
  const app = Fastify({ logger: false });
  app.get('/*', (request, reply) => {
    const fixture = fixtures[request.url];
    if (!fixture) return reply.code(404).send();
    return reply.headers(fixture.headers).send(fixture.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  ready(app.server.address().port);
}
