import { recordDrift } from '../../test/drift.recorder';
import type { DriftContext } from './drift.reporter';
import { parseIntegerText, readBoolean, readInteger, readString } from './scalar.parser';

function run<T>(read: (ctx: DriftContext) => T): { value: T; drift: [string, string][] } {
  const recorder = recordDrift();
  const value = read({ endpoint: 'WeCaht', sink: recorder.sink });
  return { value, drift: recorder.pairs() };
}

describe('parseIntegerText', () => {
  it.each([
    ['15', 15],
    [' 15 ', 15],
    ['-3', -3],
    ['+7', 7],
    ['-0', 0],
    ['007', 7],
    ['9007199254740991', 9007199254740991],
  ])('%j → %d', (text, n) => expect(parseIntegerText(text)).toBe(n));

  it.each(['', ' ', 'abc', '1.5', '1e3', '0x10', '15abc', '9007199254740993', '１５', '--1'])(
    '%j → null',
    (text) => expect(parseIntegerText(text)).toBeNull(),
  );
});

describe('readInteger', () => {
  it.each([
    ['a number', 15, false, 15, []],
    ['a numeric string', '15', false, 15, []],
    ['-0 is 0', -0, false, 0, []],
    ['text that is no number', 'abc', false, null, [['f', 'unparseable']]],
    ['a fraction', 1.5, false, null, [['f', 'unparseable']]],
    ['beyond 2^53', 2 ** 60, false, null, [['f', 'unparseable']]],
    ['a boolean', true, false, null, [['f', 'wrong-type']]],
    ['an object', { n: 1 }, false, null, [['f', 'wrong-type']]],
    ['an array', [1], false, null, [['f', 'wrong-type']]],
    ['null where required', null, false, null, [['f', 'wrong-type']]],
    ['absent where required', undefined, false, null, [['f', 'wrong-type']]],
    ['empty text where required', '', false, null, [['f', 'unparseable']]],
    ['null where nullable', null, true, null, []],
    ['absent where nullable', undefined, true, null, []],
    ['empty text where nullable', '', true, null, []],
    ['whitespace where nullable', '  ', true, null, []],
    ['text that is no number where nullable', 'abc', true, null, [['f', 'unparseable']]],
    ['a boolean where nullable', true, true, null, [['f', 'wrong-type']]],
  ])('%s', (_what, input, nullable, expected, drift) => {
    expect(run((ctx) => readInteger(input, 'f', ctx, nullable))).toEqual({ value: expected, drift });
  });
});

describe('readBoolean', () => {
  it.each([
    [true, true, []],
    [false, false, []],
    [1, true, []],
    [0, false, []],
    ['1', true, []],
    ['0', false, []],
    ['true', true, []],
    ['false', false, []],
    [2, null, [['f', 'unparseable']]],
    ['yes', null, [['f', 'unparseable']]],
    [null, null, [['f', 'wrong-type']]],
    [undefined, null, [['f', 'wrong-type']]],
    [{}, null, [['f', 'wrong-type']]],
  ])('%j → %j', (input, expected, drift) => {
    expect(run((ctx) => readBoolean(input, 'f', ctx))).toEqual({ value: expected, drift });
  });
});

describe('readString', () => {
  it.each([
    ['a string', 'abc', false, 'abc', []],
    ['empty text where required stays', '', false, '', []],
    ['empty text where nullable is null', '', true, null, []],
    ['whitespace is kept', ' a ', true, ' a ', []],
    ['a number keeps its text', 1001, false, '1001', [['f', 'wrong-type']]],
    ['NaN has no text', NaN, false, null, [['f', 'wrong-type']]],
    ['Infinity has no text', Infinity, false, null, [['f', 'wrong-type']]],
    ['a boolean', true, true, null, [['f', 'wrong-type']]],
    ['an object', { a: 1 }, true, null, [['f', 'wrong-type']]],
    ['null where required', null, false, null, [['f', 'wrong-type']]],
    ['absent where required', undefined, false, null, [['f', 'wrong-type']]],
    ['null where nullable', null, true, null, []],
    ['absent where nullable', undefined, true, null, []],
  ])('%s', (_what, input, nullable, expected, drift) => {
    expect(run((ctx) => readString(input, 'f', ctx, nullable))).toEqual({ value: expected, drift });
  });
});
