/**
 * What a code asks of a client: `success`; `renew-token` (obtain a new token once, repeat the call);
 * `credentials` (AppId, appkey or the signed headers were refused: a setting to check); `clock` (the
 * signed Timestamp was refused: the clocks disagree); `business` (the request itself was refused);
 * `vendor-server` (the vendor failed; the same call may succeed later).
 */
export type VendorCodeClass =
  'success' | 'renew-token' | 'credentials' | 'clock' | 'business' | 'vendor-server';

export interface VendorCodeEntry {
  code: number;
  /** The vendor's own wording (错误码返回说明). */
  wording: string;
  /** Its meaning in English. */
  meaning: string;
  class: VendorCodeClass;
}

/** What a client knows of any `errmsg`, documented or not. */
export interface VendorCodeInfo {
  code: number;
  documented: boolean;
  /** The vendor's wording; null for an undocumented code. */
  wording: string | null;
  meaning: string;
  class: VendorCodeClass | 'undocumented';
}

/**
 * The vendor's status codes (`errmsg`) exactly as its documentation lists them (v1 › 介绍 ›
 * 错误码返回说明); the copy in docs/vendor-error-codes.md is checked against this table by a test.
 * Every message, problem, log line, metric label and simulator answer that names a code reads it here.
 */
export const VENDOR_CODE_TABLE: readonly VendorCodeEntry[] = [
  {
    code: 10003,
    wording: '令牌失效',
    meaning: 'the access token is no longer valid (expired)',
    class: 'renew-token',
  },
  {
    code: 10004,
    wording: '获取数据成功',
    meaning: "data fetched (success; also the token call's success)",
    class: 'success',
  },
  {
    code: 10005,
    wording: '数据完整性检查不通过',
    meaning: 'data integrity check failed',
    class: 'credentials',
  },
  {
    code: 10006,
    wording: '签名时间戳失效',
    meaning: "the signature's timestamp is no longer valid",
    class: 'clock',
  },
  {
    code: 10011,
    wording: '检查用户的Token有效性时异常',
    meaning: 'an error occurred while checking the token',
    class: 'renew-token',
  },
  { code: 20000, wording: '操作完成', meaning: 'done (success)', class: 'success' },
  { code: 200001, wording: '没有填写TOKEN', meaning: 'no access token given', class: 'credentials' },
  { code: 200002, wording: '没有填写Nonce', meaning: 'no Nonce given', class: 'credentials' },
  { code: 200003, wording: '没有填写Timestamp', meaning: 'no Timestamp given', class: 'credentials' },
  { code: 200004, wording: '没有填写Signature', meaning: 'no Signature given', class: 'credentials' },
  {
    code: 200005,
    wording: '请求已超过10分钟',
    meaning: 'the request is more than 10 minutes old',
    class: 'clock',
  },
  {
    code: 200006,
    wording: '加密密钥错误',
    meaning: 'wrong signing key (the signature does not match the appkey)',
    class: 'credentials',
  },
  { code: 200007, wording: '没有填写APPID', meaning: 'no AppId given', class: 'credentials' },
  {
    code: 200008,
    wording: '没有传好友的原始微信号',
    meaning: "no friend's original WeChat id given",
    class: 'business',
  },
  { code: 200009, wording: '没有该好友', meaning: 'no such friend', class: 'business' },
  { code: 200010, wording: '员工号不存在', meaning: 'no such staff code', class: 'business' },
  { code: 200011, wording: '服务器错误', meaning: 'server error', class: 'vendor-server' },
  { code: 200012, wording: '用户传参错误', meaning: 'bad parameter', class: 'business' },
  { code: 200013, wording: '发送IM错误', meaning: 'sending the IM message failed', class: 'business' },
  {
    code: 200014,
    wording: '没有传运营号原始微信号',
    meaning: "no operator account's original WeChat id given",
    class: 'business',
  },
  {
    code: 200015,
    wording: '没有传运营号微信号',
    meaning: "no operator account's WeChat id given",
    class: 'business',
  },
  {
    code: 200016,
    wording: '要添加的微信号或者手机号码不能为空',
    meaning: 'the WeChat id or phone number to add is empty',
    class: 'business',
  },
  { code: 200017, wording: '未开启加粉设置', meaning: 'adding friends is not enabled', class: 'business' },
  { code: 200018, wording: '微信号不存在', meaning: 'no such WeChat id', class: 'business' },
  { code: 200019, wording: '操作失败', meaning: 'the operation failed', class: 'business' },
  { code: 200020, wording: '没有传入群号', meaning: 'no group id given', class: 'business' },
  { code: 200021, wording: '群号不存在', meaning: 'no such group', class: 'business' },
  {
    code: 200022,
    wording: '新建群聊或邀请人进群时好友非运营号好友',
    meaning: "creating or inviting into a group: the friend is not the operator account's friend",
    class: 'business',
  },
  {
    code: 200023,
    wording: '群内操作未传入好友列表',
    meaning: 'group operation without a friend list',
    class: 'business',
  },
  { code: 200024, wording: '群好友不存在', meaning: 'no such group member', class: 'business' },
];

const BY_CODE: ReadonlyMap<number, VendorCodeEntry> = new Map(
  VENDOR_CODE_TABLE.map((entry) => [entry.code, entry]),
);

const codesOf = (...classes: VendorCodeClass[]) =>
  VENDOR_CODE_TABLE.filter((entry) => classes.includes(entry.class)).map((entry) => entry.code);

export const SUCCESS_CODES: readonly number[] = codesOf('success');
/** Codes after which a fresh token is obtained once and the call repeated. */
export const TOKEN_RENEWAL_CODES: readonly number[] = codesOf('renew-token');
/** Codes that say the signed Timestamp was refused: usually our clock and the vendor's disagree. */
export const CLOCK_CODES: readonly number[] = codesOf('clock');
/** Codes that say the credentials, the token, the signature or its timestamp were refused. */
export const AUTH_CODES: readonly number[] = codesOf('renew-token', 'credentials', 'clock');

/** The table's entry for a code, or an entry that says the code is undocumented, with its number. */
export function vendorCode(code: number): VendorCodeInfo {
  const entry = BY_CODE.get(code);
  if (entry) return { ...entry, documented: true };
  return {
    code,
    documented: false,
    wording: null,
    meaning: `undocumented code ${code}`,
    class: 'undocumented',
  };
}

/** The documented English meaning of a code (`undocumented code N` for one the table lacks). */
export function describeVendorCode(code: number): string {
  return vendorCode(code).meaning;
}
