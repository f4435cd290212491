import { MALFORMED_PARAMETERS, parseQuery } from './query-parser';

describe('parseQuery', () => {
  it.each<[string, Record<string, unknown>]>([
    ['', {}],
    ['limit=5', { limit: '5' }],
    ['limit=5&offset=10', { limit: '5', offset: '10' }],
    ['limit=5&limit=6', { limit: ['5', '6'] }],
    ['status=active&status=active&status=all', { status: ['active', 'active', 'all'] }],
    ['ids[]=1&ids[]=2', { 'ids[]': ['1', '2'] }],
    ['name=a+b', { name: 'a b' }],
    ['name=%E7%8E%8B%E7%A7%80%E5%A8%9F', { name: '王秀娟' }],
    ['for%6Dat=csv', { format: 'csv' }],
    ['flag', { flag: '' }],
    ['q=', { q: '' }],
    ['q=a%26b%3Dc', { q: 'a&b=c' }],
  ])('%p → %p', (query, parsed) => {
    const result = parseQuery(query);
    expect(result).toEqual(parsed);
    expect(result[MALFORMED_PARAMETERS]).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['q=%E5%9', { q: '%E5%9' }, ['q']],
    ['name=%', { name: '%' }, ['name']],
    ['name=%ZZ&limit=5', { name: '%ZZ', limit: '5' }, ['name']],
    ['limit=5&q=%E5%9&name=%C0%AF', { limit: '5', q: '%E5%9', name: '%C0%AF' }, ['q', 'name']],
    ['%E5=1', { '%E5': '1' }, ['%E5']],
    ['q=%E5%9&q=%E5%9', { q: ['%E5%9', '%E5%9'] }, ['q', 'q']],
    // A plus is a space, so this is not %41 ("A").
    ['q=%4+1', { q: '%4 1' }, ['q']],
  ])(
    'keeps %p as it came, and notes which parameters were not valid percent-encoding',
    (query, parsed, malformed) => {
      const result = parseQuery(query);
      expect(result).toEqual(parsed);
      expect(result[MALFORMED_PARAMETERS]).toEqual(malformed);
    },
  );

  it('keeps the note out of the parameters, so it is never taken for one', () => {
    const result = parseQuery('q=%E5%9');
    expect(Object.keys(result)).toEqual(['q']);
    expect(JSON.stringify(result)).toBe('{"q":"%E5%9"}');
  });
});
