import fc from 'fast-check';
import { answerHead } from './answer-fingerprint';

const RUNS = { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 150) };
const head = (text: string) => answerHead(Buffer.from(text));

describe('answerHead', () => {
  it('reads the fields on both sides of the values, as the vendor orders them', () => {
    expect(
      head(
        '{"errmsg":20000,"succeed":true,"msgTime":"t1","values":[{"a":1}],"errdesc":null,"requestId":"r1"}',
      )?.fields,
    ).toEqual({
      errmsg: 20000,
      succeed: true,
      msgTime: 't1',
      errdesc: null,
      requestId: 'r1',
    });
  });

  it.each([
    ['the values first', '{"values":[1],"errmsg":20000}'],
    [
      'a byte-order mark and white space',
      '\uFEFF {\n "errmsg": 20000 ,\n "values" : [ 1 ] ,\n "errdesc" : null \n}\n',
    ],
    ['empty values', '{"errmsg":20000,"values":[]}'],
  ])('fingerprints an answer with %s', (_, text) => {
    expect(head(text)?.fingerprint).toMatch(/^[\w-]{43}$/);
  });

  it.each([
    ['no values', '{"errmsg":20000,"succeed":true}'],
    ['values that are not an array', '{"values":{"access_token":"x"},"errmsg":10004}'],
    ['"values" as a value before the key', '{"errdesc":"values","values":[1]}'],
    ['a ] in a field after the values', '{"values":[1],"errdesc":"a]b"}'],
    ['values inside a nested object', '{"data":{"values":[1]}}'],
    ['an HTML page', '<html><body>[Server Error in "/" Application.]</body></html>'],
    ['truncated JSON', '{"errmsg":20000,"values":[1,2'],
    ['nothing', ''],
    ['a ] only before the values', '{"a":[1],"values":{"b":2}}'],
    ['a ] but no values', '{"a":[1],}'],
    ['a comma missing before the values', '{"a":12"values":[1]}'],
    ['a comma missing after the values', '{"values":[1]x"b":1}'],
  ])('leaves an answer with %s to be read in full', (_, text) => {
    expect(head(text)).toBeUndefined();
  });

  it('tells apart answers that differ in anything but msgTime and requestId', () => {
    const base = head(
      '{"errmsg":20000,"succeed":true,"msgTime":"t1","values":[1,2],"requestId":"r1"}',
    )?.fingerprint;
    expect(base).toBeDefined();
    expect(
      head('{"errmsg":20000,"succeed":true,"msgTime":"t2","values":[1,2],"requestId":"r2"}')?.fingerprint,
    ).toBe(base);
    for (const other of [
      '{"errmsg":20000,"succeed":true,"msgTime":"t1","values":[1,3],"requestId":"r1"}',
      '{"errmsg":10004,"succeed":true,"msgTime":"t1","values":[1,2],"requestId":"r1"}',
      '{"errmsg":20000,"succeed":false,"msgTime":"t1","values":[1,2],"requestId":"r1"}',
      '{"errmsg":20000,"succeed":true,"msgTime":"t1","values":[1,2],"requestId":"r1","errdesc":"x"}',
      // The same fields on the other side of the values are another answer's bytes: read anew, which is safe.
      '{"succeed":true,"errmsg":20000,"msgTime":"t1","values":[1,2],"requestId":"r1"}',
    ])
      expect(head(other)?.fingerprint).not.toBe(base);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        answerHead(bytes);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', 'values', 'a', '1', ' '),
        }),
        (text) => {
          head(text);
        },
      ),
      RUNS,
    );
  });

  it('reads an answer from its chunks as it reads the answer whole', () => {
    const answer = fc.record({
      before: fc.dictionary(fc.constantFrom('errmsg', 'succeed', 'msgTime'), fc.jsonValue()),
      values: fc.array(fc.jsonValue(), { maxLength: 8 }),
      after: fc.dictionary(fc.constantFrom('errdesc', 'requestId'), fc.jsonValue()),
      noise: fc.constantFrom('', ']', '"values"', ' ', ','),
    });
    fc.assert(
      fc.property(answer, fc.array(fc.nat(), { maxLength: 6 }), (a, cuts) => {
        const fields = (o: object) =>
          Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
        const values = `"values":${JSON.stringify(a.values)}${a.noise}`;
        const bytes = Buffer.from(`{${[...fields(a.before), values, ...fields(a.after)].join(',')}}`);
        const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((x, y) => x - y);
        const chunks = [0, ...at].map((from, i) => bytes.subarray(from, [...at, bytes.length][i]));
        expect(answerHead(chunks)).toEqual(answerHead(bytes));
      }),
      RUNS,
    );
  });

  it('hashes an answer whose first chunk holds the key and last the bracket without joining its chunks', () => {
    const chunks = ['{"errmsg":20000,"msgTime":"t1","values":[1,', '2,3', ']}'].map((text) =>
      Buffer.from(text),
    );
    const concat = jest.spyOn(Buffer, 'concat');
    const head = answerHead(chunks);
    const inTwo = answerHead([chunks[0], Buffer.from('2,3]}')]);
    const calls = concat.mock.calls.length;
    concat.mockRestore();
    expect(calls).toBe(0);
    expect(head).toEqual(answerHead(Buffer.concat(chunks)));
    expect(inTwo).toEqual(head);
    expect(head?.fields).toEqual({ errmsg: 20000, msgTime: 't1' });
  });

  it('reads an answer without a byte, in no chunk at all, as no envelope', () => {
    expect(answerHead([])).toBeUndefined();
  });

  it('joins the chunks when the key or the last bracket lies in a middle one', () => {
    const text = '{"errmsg":20000,"values":[1,2,3],"errdesc":null}';
    const chunks = [...text].map((char) => Buffer.from(char));
    expect(answerHead(chunks)).toEqual(answerHead(Buffer.from(text)));
    expect(answerHead(chunks)?.fields).toEqual({ errmsg: 20000, errdesc: null });
  });

  it('gives two answers the same fingerprint exactly when their values and lasting fields are the same', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const envelope = fc.record({
      before: fc.dictionary(fc.constantFrom('errmsg', 'succeed', 'errdesc', 'x'), scalar),
      after: fc.dictionary(fc.constantFrom('code', 'note', 'y'), scalar),
      values: fc.array(fc.jsonValue(), { maxLength: 5 }),
    });
    const text = (
      e: { before: object; after: object; values: unknown[] },
      msgTime: string,
      requestId: string,
    ) => {
      const members = (fields: object) =>
        Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`);
      const after = Object.entries(e.after).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`);
      return `{"msgTime":${JSON.stringify(msgTime)},${members(e.before).join('')}"values":${JSON.stringify(e.values)}${after.join('')},"requestId":${JSON.stringify(requestId)}}`;
    };
    fc.assert(
      fc.property(envelope, envelope, fc.string(), fc.string(), (a, b, t1, t2) => {
        const first = head(text(a, t1, 'r1'));
        const second = head(text(b, t2, 'r2'));
        // A string holding "]" after the values defeats the shape: read in full, never mistaken.
        if (!first || !second) return;
        expect(first.fields).toEqual({ msgTime: t1, ...a.before, ...a.after, requestId: 'r1' });
        expect(first.fingerprint === second.fingerprint).toBe(JSON.stringify(a) === JSON.stringify(b));
        const later = head(text(a, t2, 'r3'));
        if (later) expect(later.fingerprint).toBe(first.fingerprint);
      }),
      RUNS,
    );
  });
});
