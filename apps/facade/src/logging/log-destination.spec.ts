import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { LogDestination } from './log-destination';

describe('LogDestination', () => {
  let dir: string;
  let file: string;
  let destination: LogDestination;
  const written = () => readFileSync(file, 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
    file = join(dir, 'out.log');
    destination = new LogDestination(pino.destination({ dest: file, sync: true }));
  });

  afterEach(async () => {
    await destination.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gathers lines and writes them out, in order, when flushed', () => {
    destination.write('{"n":1}\n');
    destination.write('{"n":2}\n');
    expect(written()).toBe('');
    destination.flushSync();
    expect(written()).toBe('{"n":1}\n{"n":2}\n');
    destination.write('{"n":3}\n');
    destination.flush();
    expect(written()).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it('hands a full chunk over without waiting for a flush', () => {
    const line = `${JSON.stringify({ msg: 'x'.repeat(500), text: '请求完成' })}\n`;
    for (let i = 0; i < 20; i += 1) destination.write(line);
    expect(written()).toBe(line.repeat(16));
    destination.flushSync();
    expect(written()).toBe(line.repeat(20));
  });

  it('writes out what is left when closed', async () => {
    destination.write('last\n');
    await destination.close();
    expect(written()).toBe('last\n');
  });

  it('when closed, waits until an asynchronous writer has written everything', async () => {
    const asyncFile = join(dir, 'async.log');
    const asynchronous = new LogDestination(pino.destination({ dest: asyncFile, sync: false }));
    const line = `${JSON.stringify({ msg: 'y'.repeat(900) })}\n`;
    for (let i = 0; i < 50; i += 1) asynchronous.write(line);
    await asynchronous.close();
    expect(readFileSync(asyncFile, 'utf8')).toBe(line.repeat(50));
  });
});
