import { flatten, toCsv } from './csv';

const BOM = '\uFEFF';

describe('flatten', () => {
  it('names nested fields with dots and keeps arrays whole', () => {
    expect(flatten({ id: 1, authorizations: { push: true, deep: { x: null } }, ids: [1, 2] })).toEqual({
      id: 1,
      'authorizations.push': true,
      'authorizations.deep.x': null,
      ids: [1, 2],
    });
  });
});

describe('toCsv', () => {
  it('starts with a BOM and a header row, and ends every row with CRLF', () => {
    expect(toCsv([{ code: 'b01', name: '王秀娟' }])).toBe(`${BOM}code,name\r\nb01,王秀娟\r\n`);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }])).toBe(
      `${BOM}a,b,c\r\n"x,y","say ""hi""","two\nlines"\r\n`,
    );
  });

  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1 call', "'+1 call"],
    ['@admin', "'@admin"],
    ['-cmd', "'-cmd"],
    ['\tTAB', "'\tTAB"],
    ['-42', '-42'],
    ['-3.5', '-3.5'],
  ])('prefixes a formula-like cell %p with a quote, but not a negative number', (value, cell) => {
    expect(toCsv([{ v: value }])).toBe(`${BOM}v\r\n${cell}\r\n`);
  });

  it('writes null and undefined as empty cells, arrays and objects as JSON', () => {
    expect(toCsv([{ a: null, b: undefined, c: [1, 'x'] }], ['a', 'b', 'c'])).toBe(
      `${BOM}a,b,c\r\n,,"[1,""x""]"\r\n`,
    );
  });

  it('keeps the given columns for an empty page and for null nested objects', () => {
    expect(toCsv([], ['id', 'region.code'])).toBe(`${BOM}id,region.code\r\n`);
    expect(toCsv([{ id: 1, region: null }], ['id', 'region.code'])).toBe(`${BOM}id,region.code\r\n1,\r\n`);
  });

  it('without columns, takes every column the rows hold, in the order first seen', () => {
    expect(toCsv([{ a: 1 }, { b: 2, a: 3 }])).toBe(`${BOM}a,b\r\n1,\r\n3,2\r\n`);
  });
});
