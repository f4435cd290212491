import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendToVendor } from '../src/lib/http-send';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe('sendToVendor over a real socket', () => {
  let server: Server;
  let handle: Handler;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => handle(req, body, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/publicapi/v1/staff?page=1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (body?: string) =>
    sendToVendor(
      url,
      { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'text/json' }, body },
      new AbortController().signal,
    );

  it('sends a POST body with its byte length and reads a chunked answer whole', async () => {
    let seen: { method?: string; url?: string; length?: string; type?: string; body?: string } = {};
    handle = (req, body, res) => {
      seen = {
        method: req.method,
        url: req.url,
        length: req.headers['content-length'],
        type: req.headers['content-type'],
        body,
      };
      res.write('{"succeed":true,');
      res.end('"values":["员工"]}');
    };
    const answer = await send('{"name":"员工"}');
    expect(seen).toEqual({
      method: 'POST',
      url: '/publicapi/v1/staff?page=1',
      length: String(Buffer.byteLength('{"name":"员工"}')),
      type: 'text/json',
      body: '{"name":"员工"}',
    });
    expect(answer.status).toBe(200);
    expect(Buffer.concat(answer.chunks).toString('utf8')).toBe('{"succeed":true,"values":["员工"]}');
  });

  it('gives the status of an error page with its body', async () => {
    handle = (_req, _body, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    const answer = await send();
    expect(answer.status).toBe(502);
    expect(Buffer.concat(answer.chunks).toString()).toBe('<html>bad gateway</html>');
  });

  it('rejects an answer whose connection closes before its last byte', async () => {
    handle = (_req, _body, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"succeed":true,"values":[');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    await expect(send()).rejects.toThrow('the answer ended before its last byte');
  });

  it('rejects when its signal aborts while the vendor says nothing', async () => {
    handle = () => undefined;
    const controller = new AbortController();
    const pending = sendToVendor(url, { method: 'GET', headers: {} }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('speaks TLS to an https URL and refuses a certificate no authority signed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'http-send-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = createTlsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{}'),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      try {
        const port = (tls.address() as AddressInfo).port;
        const pending = sendToVendor(
          `https://127.0.0.1:${port}/`,
          { method: 'GET', headers: {} },
          new AbortController().signal,
        );
        await expect(pending).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      } finally {
        tls.closeAllConnections();
        await new Promise((resolve) => tls.close(resolve));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
