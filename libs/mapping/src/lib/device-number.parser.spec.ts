import { parseDeviceNumbers } from './device-number.parser';

describe('parseDeviceNumbers (an ad group ad_wechat_nick)', () => {
  it.each([
    [
      'the seed',
      'P05(dong23287),P04(mioz888)',
      [
        { deviceNo: 'P05', wechatId: 'dong23287' },
        { deviceNo: 'P04', wechatId: 'mioz888' },
      ],
      true,
    ],
    ['one item', 'P03(zznn72537)', [{ deviceNo: 'P03', wechatId: 'zznn72537' }], true],
    [
      'spaces and an empty item',
      ' P05 ( dong23287 ) ,, ',
      [{ deviceNo: 'P05', wechatId: 'dong23287' }],
      true,
    ],
    [
      'full-width comma and parentheses',
      'P05（dong23287），P04(mioz888)',
      [
        { deviceNo: 'P05', wechatId: 'dong23287' },
        { deviceNo: 'P04', wechatId: 'mioz888' },
      ],
      true,
    ],
    ['no device number', '(dong23287)', [{ deviceNo: null, wechatId: 'dong23287' }], true],
    ['empty text', '', [], true],
    ['no parentheses', 'P05', [], false],
    ['empty parentheses', 'P05()', [], false],
    ['no closing parenthesis', 'P05(dong23287', [], false],
    [
      'one bad item among good ones',
      'P05(dong23287),junk',
      [{ deviceNo: 'P05', wechatId: 'dong23287' }],
      false,
    ],
  ])('%s', (_what, text, entries, complete) => {
    expect(parseDeviceNumbers(text)).toEqual({ entries, complete });
  });
});
