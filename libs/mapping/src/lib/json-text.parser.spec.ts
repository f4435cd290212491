import { recordDrift } from '../../test/drift.recorder';
import { readJsonArray } from './json-text.parser';

describe('readJsonArray (JSON inside a string)', () => {
  it.each([
    ['the seed welist', '["3516", "3521"]', true, ['3516', '3521'], []],
    ['an empty array', '[]', true, [], []],
    ['null', null, true, null, []],
    ['absent', undefined, true, null, []],
    ['empty text', '', true, null, []],
    ['blank text', '  ', true, null, []],
    ['JSON null', 'null', true, null, []],
    ['malformed JSON', '["3516", ', true, null, [['f', 'malformed-json']]],
    ['not JSON at all', '3516,3521', true, null, [['f', 'malformed-json']]],
    ['JSON that is no array', '{"a":1}', true, null, [['f', 'wrong-type']]],
    ['a number', 3516, true, null, [['f', 'wrong-type']]],
    ['an array where text is documented', ['1'], true, ['1'], [['f', 'wrong-type']]],
    ['an array where an array is documented', [{ key: 'a' }], false, [{ key: 'a' }], []],
    ['text where an array is documented', '[1]', false, [1], [['f', 'wrong-type']]],
    ['deeply nested JSON', '['.repeat(10_000) + ']'.repeat(10_000), true, expect.any(Array), []],
  ])('%s', (_what, value, textExpected, expected, drift) => {
    const recorder = recordDrift();
    expect(readJsonArray(value, 'f', { endpoint: 'AdManage', sink: recorder.sink }, textExpected)).toEqual(
      expected,
    );
    expect(recorder.pairs()).toEqual(drift);
  });
});
