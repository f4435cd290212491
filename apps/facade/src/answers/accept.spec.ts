import { formatInUrl, wantsCsv } from './accept';

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
    ['/v1/staff?', undefined],
    ['/v1/format?limit=5', undefined],
    ['/v1/staff?format=', ''],
    ['/v1/staff?format=CSV', 'CSV'],
    ['/v1/staff?name=a%26format%3Dcsv', undefined],
    ['/v1/staff?format=%63sv', 'csv'],
    // Without a query the path is not read as one, even where it looks like one.
    ['/v1/staff/a&format=csv', undefined],
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
    [undefined, '', false],
    [undefined, 'TEXT/CSV', true],
    [undefined, 'text/csv; q=0.5, application/json; q=0.4', true],
    [undefined, 'text/csv;level=1;q=0.7, application/json;q=0.6', true],
    [undefined, 'application/json;q=0, text/csv;q=0.1', true],
    [undefined, 'text/csv;q=0.5, application/json', false],
    [undefined, 'text/csv;q=0.5, text/csv;q=0.9, application/json;q=0.8', true],
    [undefined, 'application/json;q=0.5, application/json;q=0.9, text/csv;q=0.8', false],
    [undefined, 'text/csv, */*;q=0.8', true],
    [undefined, 'text/csvx', false],
    [undefined, 'text/csv;q=abc', false],
    [undefined, 'text/csv;q=Infinity', false],
    [undefined, 'text/csv;qq=0.1', true],
    // Whitespace is allowed around the ';' of a media range.
    [undefined, 'text/csv ;q=0.9, application/json;q=0.5', true],
    [undefined, 'application/json ;q=1, text/csv;q=0.5', false],
    // Only an explicit application/json competes with text/csv.
    [undefined, 'text/csv;q=0.5, text/html', true],
    [['csv', 'json'], 'text/csv', true],
    ['xml', 'text/csv', true],
  ])('format %p, Accept %p → %p', (format, accept, csv) => {
    expect(wantsCsv(format, accept)).toBe(csv);
  });
});
