import { recordDrift } from '../../test/drift.recorder';
import { parseVendorTime, readTime } from './time.parser';

describe('parseVendorTime', () => {
  it.each([
    [
      'the seed: +08:00, 6 fractional digits, truncated',
      '2018-01-18T21:17:35.613849+08:00',
      '2018-01-18T13:17:35.613Z',
    ],
    ['truncated, never rounded', '2018-01-18T21:17:35.999999+08:00', '2018-01-18T13:17:35.999Z'],
    [
      '7 fractional digits (the envelope msgTime)',
      '2018-05-11T15:40:14.1523923+08:00',
      '2018-05-11T07:40:14.152Z',
    ],
    ['9 fractional digits', '2018-05-11T15:40:14.123456789+08:00', '2018-05-11T07:40:14.123Z'],
    ['no fractional digits', '2018-05-11T15:40:14+08:00', '2018-05-11T07:40:14.000Z'],
    ['1 fractional digit', '2018-05-11T15:40:14.5+08:00', '2018-05-11T07:40:14.500Z'],
    ['2 fractional digits', '2018-05-11T15:40:14.25+08:00', '2018-05-11T07:40:14.250Z'],
    ['no seconds', '2018-05-11T15:40+08:00', '2018-05-11T07:40:00.000Z'],
    ['Z', '2018-05-11T15:40:14.123Z', '2018-05-11T15:40:14.123Z'],
    ['lowercase z', '2018-05-11T15:40:14.123z', '2018-05-11T15:40:14.123Z'],
    ['another offset', '2018-05-11T15:40:14-05:30', '2018-05-11T21:10:14.000Z'],
    ['offset without colon', '2018-05-11T15:40:14+0800', '2018-05-11T07:40:14.000Z'],
    ['offset hours only', '2018-05-11T15:40:14+08', '2018-05-11T07:40:14.000Z'],
    ['no offset: vendor local time +08:00', '2019-08-09T15:42:30.946993', '2019-08-09T07:42:30.946Z'],
    ['space separator (customAddtimeStr style)', '2019-08-09 15:42:30', '2019-08-09T07:42:30.000Z'],
    ['surrounding whitespace', ' 2019-08-09T15:42:30+08:00 ', '2019-08-09T07:42:30.000Z'],
    ['a leading space only', ' 2019-08-09T15:42:30+08:00', '2019-08-09T07:42:30.000Z'],
    ['a trailing space only', '2019-08-09T15:42:30+08:00 ', '2019-08-09T07:42:30.000Z'],
    ['control characters around it', '\t2019-08-09T15:42:30+08:00\r\n', '2019-08-09T07:42:30.000Z'],
    ['lowercase t separator', '2019-08-09t15:42:30Z', '2019-08-09T15:42:30.000Z'],
    ['16 characters, the shortest time', '2018-05-11T15:40', '2018-05-11T07:40:00.000Z'],
    [
      '64 characters, the longest time',
      '2018-05-11T15:40:14.' + '1'.repeat(38) + '+08:00',
      '2018-05-11T07:40:14.111Z',
    ],
    ['year 0', '0000-06-15T12:00:00Z', '0000-06-15T12:00:00.000Z'],
    ['offset hour 23', '2018-01-18T10:00:00+23:00', '2018-01-17T11:00:00.000Z'],
    ['offset minute 59', '2018-01-18T10:00:00+05:59', '2018-01-18T04:01:00.000Z'],
    ['back across a year end', '2018-01-01T05:00:00+08:00', '2017-12-31T21:00:00.000Z'],
    ['back across a month end', '2018-03-01T07:59:59.999+08:00', '2018-02-28T23:59:59.999Z'],
    ['back into a leap day', '2020-03-01T07:00:00+08:00', '2020-02-29T23:00:00.000Z'],
    ['forward across a year end', '2018-12-31T20:00:00-05:00', '2019-01-01T01:00:00.000Z'],
    ['a leap day', '2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['small years keep four digits', '0001-01-01T08:00:00+08:00', '0001-01-01T00:00:00.000Z'],
    ['.NET DateTime.MinValue', '0001-01-01T00:00:00', '0000-12-31T16:00:00.000Z'],
    ['the last representable instant', '9999-12-31T23:59:59.9999999Z', '9999-12-31T23:59:59.999Z'],
  ])('%s: %s → %s', (_what, text, iso) => {
    expect(parseVendorTime(text)).toBe(iso);
  });

  it.each([
    ['the seed placeholder', '添加时间'],
    ['empty', ''],
    ['a date only', '2018-01-18'],
    ['February 30', '2018-02-30T10:00:00+08:00'],
    ['February 29 of a common year', '1900-02-29T10:00:00Z'],
    ['month 13', '2018-13-01T10:00:00Z'],
    ['hour 24', '2018-01-18T24:00:00Z'],
    ['minute 60', '2018-01-18T10:60:00Z'],
    ['second 60', '2018-01-18T10:00:60Z'],
    ['a dot without digits', '2018-01-18T10:00:00.+08:00'],
    ['a bad offset', '2018-01-18T10:00:00+8:00'],
    ['offset minutes 60', '2018-01-18T10:00:00+08:60'],
    ['trailing text', '2018-01-18T10:00:00+08:00 CST'],
    ['slashes', '2018/01/18 10:00:00'],
    ['before year 0', '0000-01-01T00:00:00+08:00'],
    ['after year 9999', '9999-12-31T23:00:00-05:00'],
    ['full-width digits', '２０１８-01-18T10:00:00Z'],
    ['65 characters', '2018-05-11T15:40:14.' + '1'.repeat(39) + '+08:00'],
    // Only ASCII whitespace and control characters are trimmed.
    ['no-break and ideographic spaces around it', '\u00a02019-08-09T15:42:30+08:00\u3000'],
    // An unread year taken as -1 would carry over into year 0 at this instant.
    ['a year that is not digits', 'abcd-12-31T23:00:00-05:00'],
    ['month 00', '2018-00-18T10:00:00Z'],
    ['day 00', '2018-01-00T10:00:00Z'],
    ['an hour that is not digits', '2018-01-18Txx:00:00Z'],
    ['a minute that is not digits', '2018-01-18T10:xx:00Z'],
    ['a second that is not digits', '2018-01-18T10:00:xxZ'],
    ['a colon inside the seconds', '2018-01-18T10:00:0:Z'],
    ['a slash after the year', '2018/01-18T10:00:00Z'],
    ['a slash after the month', '2018-01/18T10:00:00Z'],
    ['a dot between hour and minute', '2018-01-18T10.00:00Z'],
    ['another separator letter', '2018-01-18X10:00:00Z'],
    ['a letter as offset', '2018-01-18T10:00:00X'],
    ['text after Z', '2018-01-18T10:00:00Zulu'],
    ['an offset without sign', '2018-01-18T10:00:00X08:00'],
    ['offset minutes of three digits', '2018-01-18T10:00:00+08:000'],
    ['offset hour and minute split by a letter', '2018-01-18T10:00:00+08x00'],
    ['an offset of five digits', '2018-01-18T10:00:00+08000'],
    ['offset hours that are not digits', '2018-01-18T10:00:00+ab:00'],
    ['offset minutes that are not digits', '2018-01-18T10:00:00+08:ab'],
    ['offset hour 24', '2018-01-18T10:00:00+24:00'],
    ['a huge string', '2018-01-18T10:00:00.' + '1'.repeat(100_000) + 'Z'],
  ])('%s is not a time', (_what, text) => {
    expect(parseVendorTime(text)).toBeNull();
  });

  it('agrees with Date for many instants and offsets', () => {
    for (
      let ms = Date.UTC(1999, 11, 31, 0, 0, 0, 0);
      ms < Date.UTC(2000, 2, 2);
      ms += 3_600_000 * 7 + 123_457
    ) {
      for (const offset of [-720, -330, 0, 345, 480, 840]) {
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseVendorTime(text)).toBe(new Date(ms).toISOString());
      }
    }
  });
});

describe('readTime (a time field)', () => {
  it.each([
    ['a time', '2018-01-18T21:17:35.613849+08:00', '2018-01-18T13:17:35.613Z', []],
    ['null', null, null, []],
    ['absent', undefined, null, []],
    ['empty text', '', null, []],
    ['not a time', '添加时间', null, [['ad_label_time', 'unparseable']]],
    ['a number', 1516281455, null, [['ad_label_time', 'wrong-type']]],
    ['an object', { time: 'x' }, null, [['ad_label_time', 'wrong-type']]],
  ])('%s', (_what, value, expected, drift) => {
    const recorder = recordDrift();
    expect(readTime(value, 'ad_label_time', { endpoint: 'wecahtlabel', sink: recorder.sink })).toBe(expected);
    expect(recorder.pairs()).toEqual(drift);
  });
});
