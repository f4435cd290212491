import { etagMatches, formatInUrl, wantsCsv } from './rendered-answers';

describe('formatInUrl', () => {
  it.each([
    ['/v1/staff', undefined],
    ['/v1/staff?limit=5', undefined],
    ['/v1/staff?format=csv', 'csv'],
    ['/v1/staff?limit=5&format=json', 'json'],
    ['/v1/staff?for%6Dat=csv', 'csv'],
    ['/v1/staff?format=csv&format=json', ['csv', 'json']],
    ['/v1/staff?name=%E5%BC%A0', undefined],
    ['/v1/staff?reformat=csv', undefined],
  ])('%s → %p', (url, format) => {
    expect(formatInUrl(url)).toEqual(format);
  });
});

describe('wantsCsv', () => {
  it.each([
    [undefined, undefined, false],
    ['csv', 'application/json', true],
    ['json', 'text/csv', false],
    [['csv', 'json'], undefined, false],
    [undefined, 'text/csv', true],
    [undefined, 'application/json, text/csv;q=0.5', false],
    [undefined, 'text/csv, application/json', false],
    [undefined, 'text/csv;q=0.9, application/json;q=0.8', true],
    [undefined, 'text/csv;q=0', false],
    [undefined, '*/*', false],
  ])('format %p, Accept %p → %p', (format, accept, csv) => {
    expect(wantsCsv(format, accept)).toBe(csv);
  });
});

describe('etagMatches', () => {
  it.each([
    [undefined, false],
    ['"a"', true],
    ['W/"a"', true],
    ['"b", "a"', true],
    ['*', true],
    ['"b"', false],
  ])('If-None-Match %p against "a" → %p', (header, matches) => {
    expect(etagMatches(header, '"a"')).toBe(matches);
  });
});
