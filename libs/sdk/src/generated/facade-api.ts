/* eslint-disable */
/* tslint:disable */
// @ts-nocheck
/*
 * ---------------------------------------------------------------
 * ## THIS FILE WAS GENERATED VIA SWAGGER-TYPESCRIPT-API        ##
 * ##                                                           ##
 * ## AUTHOR: acacode                                           ##
 * ## SOURCE: https://github.com/acacode/swagger-typescript-api ##
 * ---------------------------------------------------------------
 */

export interface AdGroupAccountDto {
  /**
   * The work phone's number (机号), from vendor `ad_wechat_nick` (`P05(dong23287)`) matched by WeChat id; null when absent.
   * @example "P05"
   */
  deviceNo: string | null;
  /**
   * QR code image URL (二维码; vendor `wechats[].ad_wechat_qrcode`); only http(s) URLs.
   * @example "http://7nimg.agsoft.net/wxid_w4ebc6txje6622mmqrcode1568877590436.png"
   */
  qrCodeUrl: string | null;
  /**
   * WeChat ID (微信号; vendor `wechats[].ad_wechat_nober`).
   * @example "dong23287"
   */
  wechatId: string;
}

export interface AdGroupDto {
  /** WeChat accounts of the group (vendor `wechats`, a JSON string, with device numbers from `ad_wechat_nick`). */
  accounts: AdGroupAccountDto[];
  /**
   * Ad group code (投放组代号; vendor `ad_brand_code`).
   * @example "21"
   */
  code: string;
  /**
   * Ad group number (投放组编号; vendor `ad_brand_id`).
   * @example 155
   */
  id: number;
  /**
   * Merchant number (商家编号; vendor `merchantid`).
   * @example "640462692"
   */
  merchantId: string | null;
  /**
   * Ad group name (投放组名称; vendor `ad_brand_name`).
   * @example "景田百岁山广告"
   */
  name: string;
  /**
   * Operator account numbers in the group (投放组微信号惟一标识集合; vendor `ad_brand_welist`, a JSON string); empty when absent or malformed.
   * @example [3516,3521]
   */
  operatorAccountIds: number[];
  /** Region named from the division code (行政区划; vendor `ad_brand_region_code`); null when no code was sent. */
  region: AdGroupRegionDto | null;
}

export interface AdGroupListDto {
  /** The items of this page. */
  data: AdGroupDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface AdGroupRegionDto {
  /**
   * City (市) named from the code; null when the code is province-level or unknown.
   * @example "吉安市"
   */
  city: string | null;
  /**
   * GB/T 2260 administrative division code (行政区划代码; vendor `ad_brand_region_code`).
   * @example "360800"
   */
  code: string;
  /**
   * District (区/县) named from the code; null when the code is city-level or above, or unknown.
   * @example null
   */
  district: string | null;
  /**
   * Province (省) named from the code; null when unknown.
   * @example "江西省"
   */
  province: string | null;
}

export interface ChangeEventDto {
  /** For `updated` only: each changed field with its value before and after. */
  changes?: FieldChangeDto[];
  /**
   * The record as its resource endpoint answers it now (`GET /v1/<resource>/<key>`); null for `deleted`.
   * @example {"code":"b03","name":"王秀娟(离职)","status":"active","linkedOrderUsername":null}
   */
  data: Record<string, any> | null;
  /**
   * Opaque, increasing in feed order: pass it as `after` (or `Last-Event-ID`).
   * @example "1764230400000-0"
   */
  id: string;
  /**
   * The record's key as in its URL (`b03`, `1072`).
   * @example "b03"
   */
  key: string;
  /**
   * When the facade noticed the change (UTC, milliseconds).
   * @format date-time
   * @example "2026-11-27T08:00:00.000Z"
   */
  occurredAt: string;
  /**
   * The resource the record belongs to.
   * @example "staff"
   */
  resource: ChangeResource;
  /**
   * `<resource>.created`, `<resource>.updated` or `<resource>.deleted`.
   * @example "staff.updated"
   */
  type: ChangeType;
}

export type ChangeResource =
  | "operator-accounts"
  | "staff"
  | "label-categories"
  | "labels"
  | "ad-groups"
  | "custom-attributes";

/** `<resource>.created`, `<resource>.updated` or `<resource>.deleted`. */
export type ChangeType =
  | "operator-accounts.created"
  | "operator-accounts.updated"
  | "operator-accounts.deleted"
  | "staff.created"
  | "staff.updated"
  | "staff.deleted"
  | "label-categories.created"
  | "label-categories.updated"
  | "label-categories.deleted"
  | "labels.created"
  | "labels.updated"
  | "labels.deleted"
  | "ad-groups.created"
  | "ad-groups.updated"
  | "ad-groups.deleted"
  | "custom-attributes.created"
  | "custom-attributes.updated"
  | "custom-attributes.deleted";

export interface ChangesMetaDto {
  /**
   * The page size used.
   * @example 100
   */
  limit: number;
  /**
   * Pass as `after` for the next page: the last event of this page (or, for a filtered page, the last event passed over), `after` itself when nothing is new, null for an empty feed read without `after`.
   * @example "1764230400000-0"
   */
  next: string | null;
}

export interface ChangesPageDto {
  /** Events in feed order, oldest first. */
  data: ChangeEventDto[];
  /** Where to read on: the cursor of the next page, and the page size. */
  meta: ChangesMetaDto;
}

export interface CustomAttributeDto {
  /**
   * When the attribute was added, UTC (添加时间; vendor `customAddtime`).
   * @format date-time
   * @example "2019-07-26T02:18:08.189Z"
   */
  createdAt: string | null;
  /**
   * Date format of a date attribute (日期框日期格式; vendor `customDateformat`); null for other types.
   * @example null
   */
  dateFormat: string | null;
  /**
   * Attribute number (属性编号; vendor `id`, sent as a string).
   * @example 14
   */
  id: number;
  /**
   * Maximum length (字段长度; vendor `customLength`); null when 0 or absent.
   * @example 20
   */
  maxLength: number | null;
  /**
   * Merchant number (商家编号; vendor `merchantId`).
   * @example null
   */
  merchantId: string | null;
  /**
   * Field name (字段名称; vendor `customName`).
   * @example "爱好"
   */
  name: string;
  /** Choices of a select attribute (多选框、单选框的值; vendor `customValJsonStr`, else `customVal`); empty for text and date. */
  options: CustomAttributeOptionDto[];
  /**
   * Required (是否必填; vendor `customIsred`).
   * @example false
   */
  required: boolean;
  /**
   * Sort order (字段排序; vendor `sort`).
   * @example 1
   */
  sort: number;
  /**
   * Field type (字段类型; vendor `customType`: 1 text 文本框, 2 date 日期框, 3 single-select 单选框, 4 multi-select 多选框).
   * @example "multi-select"
   */
  type: CustomAttributeType;
}

export interface CustomAttributeListDto {
  /** The items of this page. */
  data: CustomAttributeDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface CustomAttributeOptionDto {
  /**
   * Option label (vendor `customValJsonStr[].key`, else `customVal`).
   * @example "足球"
   */
  label: string;
  /**
   * Option value (vendor `customValJsonStr[].value`).
   * @example "1"
   */
  value: string;
}

/** Field type (字段类型; vendor `customType`: 1 text 文本框, 2 date 日期框, 3 single-select 单选框, 4 multi-select 多选框). */
export type CustomAttributeType =
  | "text"
  | "date"
  | "single-select"
  | "multi-select";

export interface DeliveriesDto {
  /** Each WEBHOOK_URLS entry, in the configured order. */
  data: DeliveryDto[];
}

export interface DeliveryDto {
  /**
   * Failed attempts in a row at the next event.
   * @example 0
   */
  attempts: number;
  /**
   * Events waiting for it.
   * @example 0
   */
  backlog: number;
  /**
   * When the last event was delivered (UTC); null before the first.
   * @format date-time
   * @example "2026-11-27T08:00:01.000Z"
   */
  lastDeliveredAt: string | null;
  /** The latest failure, kept after later successes; null when none. */
  lastError: DeliveryErrorDto | null;
  /**
   * When the failed event is tried again (UTC); null when nothing waits for a retry.
   * @format date-time
   * @example null
   */
  nextAttemptAt: string | null;
  /**
   * The last event delivered to it; null: none yet (it receives from the oldest event kept).
   * @example "1764230400000-0"
   */
  position: string | null;
  /**
   * The receiver, with any password or query value shown as `***`.
   * @example "https://hooks.internal/youmi?token=***"
   */
  url: string;
}

export interface DeliveryErrorDto {
  /**
   * When the attempt failed (UTC).
   * @format date-time
   * @example "2026-11-27T08:00:05.000Z"
   */
  at: string;
  /**
   * The event and what went wrong: an HTTP status, no answer within 10 s, a refused connection.
   * @example "event 1764230400000-0: HTTP 503"
   */
  message: string;
}

export interface DriftEntryDto {
  /**
   * How many values were seen so, since this instance started (counted each time a new vendor answer is mapped).
   * @example 1
   */
  count: number;
  /**
   * The vendor endpoint, as the vendor spells it.
   * @example "WeCaht"
   */
  endpoint: string;
  /**
   * The vendor field.
   * @example "ad_wechat_addtime"
   */
  field: string;
  /**
   * First seen, UTC.
   * @format date-time
   * @example "2026-11-24T08:00:00.000Z"
   */
  firstSeen: string;
  /**
   * unknown-field: a field the facade does not know; wrong-type: another JSON type than documented; unparseable: a value that cannot be read (a time that is not a time); malformed-json: a JSON-in-a-string field that does not parse.
   * @example "unparseable"
   */
  kind: DriftKind;
  /**
   * Last seen, UTC.
   * @format date-time
   * @example "2026-11-24T09:30:00.000Z"
   */
  lastSeen: string;
  /**
   * A short excerpt of the first such value.
   * @example "添加时间"
   */
  sample: string;
}

/** unknown-field: a field the facade does not know; wrong-type: another JSON type than documented; unparseable: a value that cannot be read (a time that is not a time); malformed-json: a JSON-in-a-string field that does not parse. */
export type DriftKind =
  | "unknown-field"
  | "wrong-type"
  | "unparseable"
  | "malformed-json";

export interface DriftReportDto {
  /** The items of this page. */
  data: DriftEntryDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface FieldChangeDto {
  /**
   * Its value now (null when absent); any JSON value.
   * @example "王秀娟(离职)"
   */
  after: string | number | boolean | any[] | object | null;
  /**
   * Its value before (null when absent); any JSON value.
   * @example "王秀娟"
   */
  before: string | number | boolean | any[] | object | null;
  /**
   * The field, dotted for nested fields (`authorizations.push`).
   * @example "name"
   */
  field: string;
}

export interface LabelCategoryDto {
  /**
   * Label category number (标签分类编号; vendor `ad_label_id`).
   * @example 189
   */
  id: number;
  /**
   * Label category name (标签分类名称; vendor `ad_label_name`).
   * @example "客户意向"
   */
  name: string;
  /**
   * Single or multiple choice (单选/多选; vendor `ad_choose`: 0 single, 1 multiple).
   * @example "single"
   */
  selection: LabelSelection;
}

export interface LabelCategoryListDto {
  /** The items of this page. */
  data: LabelCategoryDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface LabelDto {
  /**
   * Label category number (标签分类; vendor `ad_label_id`).
   * @example 189
   */
  categoryId: number;
  /**
   * When the label was created, UTC (vendor `ad_label_time`).
   * @format date-time
   * @example "2018-01-05T03:53:23.580Z"
   */
  createdAt: string | null;
  /**
   * Label number (标签详细编号; vendor `ad_label_info_id`).
   * @example 1072
   */
  id: number;
  /**
   * Merchant number (商家编号; vendor `merchant_id`).
   * @example null
   */
  merchantId: string | null;
  /**
   * Label name (标签名字; vendor `ad_label_info_name`).
   * @example "潜在"
   */
  name: string;
}

export interface LabelListDto {
  /** The items of this page. */
  data: LabelDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

/** Single or multiple choice (单选/多选; vendor `ad_choose`: 0 single, 1 multiple). */
export type LabelSelection = "single" | "multiple";

export interface LabelTreeDto {
  /** Every label category by id, each with its labels. */
  data: LabelTreeNodeDto[];
}

export interface LabelTreeLabelDto {
  /**
   * When the label was created, UTC (vendor `ad_label_time`).
   * @format date-time
   * @example "2018-01-05T03:53:23.580Z"
   */
  createdAt: string | null;
  /**
   * Label number (标签详细编号; vendor `ad_label_info_id`).
   * @example 1072
   */
  id: number;
  /**
   * Merchant number (商家编号; vendor `merchant_id`).
   * @example null
   */
  merchantId: string | null;
  /**
   * Label name (标签名字; vendor `ad_label_info_name`).
   * @example "潜在"
   */
  name: string;
}

export interface LabelTreeNodeDto {
  /**
   * Label category number (标签分类编号; vendor `ad_label_id`).
   * @example 189
   */
  id: number;
  /** The labels of this category, by id; empty for a category with none. */
  labels: LabelTreeLabelDto[];
  /**
   * Label category name (标签分类名称; vendor `ad_label_name`).
   * @example "客户意向"
   */
  name: string;
  /**
   * Single or multiple choice (单选/多选; vendor `ad_choose`: 0 single, 1 multiple).
   * @example "single"
   */
  selection: LabelSelection;
}

export interface ListMetaDto {
  /**
   * The page size used.
   * @example 50
   */
  limit: number;
  /**
   * Items skipped before this page.
   * @example 0
   */
  offset: number;
  /**
   * Items matching the query, over all pages.
   * @example 1
   */
  total: number;
}

export interface OperatorAccountAuthorizationsDto {
  /**
   * Work-phone call records authorised (工作手机通话记录授权; vendor `ad_wechat_record`).
   * @example false
   */
  callRecords: boolean;
  /**
   * Monitoring authorised (运营号监控授权; vendor `ad_wechat_friends`).
   * @example true
   */
  monitoring: boolean;
  /**
   * Push authorised (推送授权; vendor `ad_wechat_push`).
   * @example true
   */
  push: boolean;
}

export interface OperatorAccountDto {
  /**
   * Add-friend tasks enabled (是否开启加粉任务; vendor `is_receiveaddfriendtask`, 1 is true).
   * @example true
   */
  addFriendTasksEnabled: boolean;
  /**
   * When the account was added, UTC (添加时间; vendor `ad_wechat_addtime`); null when the vendor sent no time.
   * @format date-time
   * @example "2018-05-11T07:40:14.152Z"
   */
  addedAt: string | null;
  /** Authorisations granted to the account. */
  authorizations: OperatorAccountAuthorizationsDto;
  /**
   * IMEI of the phone the account is logged in on (运营号登录手机唯一码; vendor `imei`).
   * @example null
   */
  deviceImei: string | null;
  /**
   * The work phone's number (机号; vendor `ad_wechat_nick`).
   * @example "P03"
   */
  deviceNo: string;
  /**
   * Number of friends, passively deleted and blocked included (好友数量; vendor `ad_wechat_friend`).
   * @example 1709
   */
  friendCount: number;
  /**
   * Number of group chats (群总数; vendor `ad_wechat_group`).
   * @example 23
   */
  groupCount: number;
  /**
   * Operator account number (运营号编号; vendor `ad_wechat_id`).
   * @example 135389
   */
  id: number;
  /**
   * Account kind (运营号类型; vendor `ad_wechat_lei`: 0 wechat 个微, 1 official-account 公众号, 2 mini-program 小程序, 3 wecom 企微; anything else unknown).
   * @example "wechat"
   */
  kind: OperatorAccountKind;
  /**
   * WeChat nickname (微信昵称; vendor `ad_wechat_nickname`).
   * @example "刘潇"
   */
  nickname: string | null;
  /** Staff notified of events on this account. */
  notify: OperatorAccountNotifyDto;
  /**
   * Original WeChat id, `wxid_…` (运营号原始微信号; vendor `ad_original_nober`).
   * @example "wxid_2yfwlz5fu21922"
   */
  originalId: string | null;
  /**
   * QR code image URL (二维码; vendor `ad_wechat_qrcode`); only http(s) URLs, anything else is null.
   * @example "http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png"
   */
  qrCodeUrl: string | null;
  /**
   * WeChat ID of the operator account (运营号微信号; vendor `ad_wechat_nober`).
   * @example "zznn72537"
   */
  wechatId: string;
}

/** Account kind (运营号类型; vendor `ad_wechat_lei`: 0 wechat 个微, 1 official-account 公众号, 2 mini-program 小程序, 3 wecom 企微; anything else unknown). */
export type OperatorAccountKind =
  | "wechat"
  | "official-account"
  | "mini-program"
  | "wecom"
  | "unknown";

export interface OperatorAccountListDto {
  /** The items of this page. */
  data: OperatorAccountDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface OperatorAccountNotifyDto {
  /**
   * Staff code notified of exceptions (异常通知员工; vendor `ad_receive_code`).
   * @example null
   */
  exceptionStaffCode: string | null;
  /**
   * Staff code notified of friend requests (好友申请消息通知员工; vendor `ad_chatroom_code`).
   * @example null
   */
  friendRequestStaffCode: string | null;
  /**
   * Staff code notified of keywords (关键字通知员工; vendor `ad_key_code`).
   * @example null
   */
  keywordStaffCode: string | null;
}

export interface ProblemDto {
  /**
   * What went wrong, for a person.
   * @example "The request has 1 invalid parameter: limit."
   */
  detail: string;
  /** Each offending parameter (400 only). */
  errors?: ProblemFieldErrorDto[];
  /**
   * The path of the request.
   * @example "/v1/operator-accounts"
   */
  instance?: string;
  /**
   * The request id (also in `X-Request-Id` and in every log line).
   * @example "6f1c2a4e-4d0b-4d53-9a55-0f1f7e0a2c11"
   */
  requestId?: string;
  /**
   * The HTTP status.
   * @example 400
   */
  status: number;
  /**
   * The HTTP reason phrase.
   * @example "Bad Request"
   */
  title: string;
  /**
   * The W3C trace id of the request, when the facade exports traces (OpenTelemetry): the trace to look up.
   * @pattern ^[0-9a-f]{32}$
   * @example "4bf92f3577b34da6a3ce929d0e0e4736"
   */
  traceId?: string;
  /**
   * A URI that identifies the kind of problem.
   * @example "urn:youmi-facade:problem:validation"
   */
  type: string;
  /** What the vendor answered (502 after a failure envelope). */
  upstream?: ProblemUpstreamDto;
}

export interface ProblemFieldErrorDto {
  /**
   * The offending query or path parameter.
   * @example "limit"
   */
  field: string;
  /**
   * What is wrong with it.
   * @example "limit must be an integer from 1 to 500, or all for CSV export"
   */
  message: string;
}

export interface ProblemUpstreamDto {
  /**
   * The vendor's status code (vendor `errmsg`).
   * @example 200011
   */
  code: number;
  /**
   * The documented meaning of the vendor's code.
   * @example "server error"
   */
  description: string;
  /**
   * The vendor's request id (vendor `requestId`), when it sent one.
   * @example null
   */
  requestId: string | null;
}

export interface StaffAssignmentDto {
  /** The operator account the staff member manages (员工管理运营机). */
  account: StaffOperatorAccountDto;
  /**
   * Staff code (员工号; vendor `ad_staff_code`).
   * @example "b03"
   */
  staffCode: string;
}

export interface StaffAssignmentListDto {
  /** The items of this page. */
  data: StaffAssignmentDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface StaffDto {
  /**
   * Staff code (员工号; vendor `ad_staff_code`).
   * @example "b01"
   */
  code: string;
  /**
   * Linked own-order username (绑定的自有订单用户名; vendor `ad_self_user`); empty is null.
   * @example "b08"
   */
  linkedOrderUsername: string | null;
  /**
   * Staff name (员工名称; vendor `ad_staff_name`).
   * @example "b01"
   */
  name: string;
  /**
   * Status (员工状态; vendor `ad_staff_state`: 0 active 启用, 1 disabled 停用).
   * @example "disabled"
   */
  status: StaffStatus;
}

export interface StaffListDto {
  /** The items of this page. */
  data: StaffDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

export interface StaffOperatorAccountDto {
  /**
   * The work phone's number (机号; vendor `ad_wechat_nick`).
   * @example "P03"
   */
  deviceNo: string;
  /**
   * Operator account number (运营号编号; vendor `ad_wechat_id`).
   * @example 135389
   */
  id: number;
  /**
   * WeChat nickname (微信昵称; vendor `ad_wechat_nickname`).
   * @example "刘潇"
   */
  nickname: string | null;
  /**
   * Original WeChat id, `wxid_…` (运营号原始微信号; vendor `ad_original_nober`).
   * @example "wxid_2yfwlz5fu21922"
   */
  originalId: string | null;
  /**
   * QR code image URL (二维码; vendor `ad_wechat_qrcode`); only http(s) URLs, anything else is null.
   * @example "http://img-1259062805.cos.ap-chengdu.myqcloud.com/640462692/other/wxid_2yfwlz5fu21922mmqrcode1632752533600.png"
   */
  qrCodeUrl: string | null;
  /**
   * WeChat ID of the operator account (运营号微信号; vendor `ad_wechat_nober`).
   * @example "zznn72537"
   */
  wechatId: string;
}

export interface StaffOperatorAccountListDto {
  /** The items of this page. */
  data: StaffOperatorAccountDto[];
  /** Paging: total over all pages, limit and offset. */
  meta: ListMetaDto;
}

/** Status (员工状态; vendor `ad_staff_state`: 0 active 启用, 1 disabled 停用). */
export type StaffStatus = "active" | "disabled";

export type QueryParamsType = Record<string | number, any>;
export type ResponseFormat = keyof Omit<Body, "body" | "bodyUsed">;

export interface FullRequestParams extends Omit<RequestInit, "body"> {
  /** set parameter to `true` for call `securityWorker` for this request */
  secure?: boolean;
  /** request path */
  path: string;
  /** content type of request body */
  type?: ContentType;
  /** query params */
  query?: QueryParamsType;
  /** format of response (i.e. response.json() -> format: "json") */
  format?: ResponseFormat;
  /** request body */
  body?: unknown;
  /** base url */
  baseUrl?: string;
  /** request cancellation token */
  cancelToken?: CancelToken;
}

export type RequestParams = Omit<
  FullRequestParams,
  "body" | "method" | "query" | "path"
>;

export interface ApiConfig<SecurityDataType = unknown> {
  baseUrl?: string;
  baseApiParams?: Omit<RequestParams, "baseUrl" | "cancelToken" | "signal">;
  securityWorker?: (
    securityData: SecurityDataType | null,
  ) => Promise<RequestParams | void> | RequestParams | void;
  customFetch?: typeof fetch;
}

export interface HttpResponse<D extends unknown, E extends unknown = unknown>
  extends Response {
  data: D;
  error: E;
}

type CancelToken = Symbol | string | number;

export type ContentType =
  | "application/json"
  | "application/vnd.api+json"
  | "multipart/form-data"
  | "application/x-www-form-urlencoded"
  | "text/plain";

export class HttpClient<SecurityDataType = unknown> {
  public baseUrl: string = "/";
  private securityData: SecurityDataType | null = null;
  private securityWorker?: ApiConfig<SecurityDataType>["securityWorker"];
  private abortControllers = new Map<CancelToken, AbortController>();
  private customFetch = (...fetchParams: Parameters<typeof fetch>) =>
    fetch(...fetchParams);

  private baseApiParams: RequestParams = {
    credentials: "same-origin",
    headers: {},
    redirect: "follow",
    referrerPolicy: "no-referrer",
  };

  constructor(apiConfig: ApiConfig<SecurityDataType> = {}) {
    Object.assign(this, apiConfig);
  }

  public setSecurityData = (data: SecurityDataType | null) => {
    this.securityData = data;
  };

  protected encodeQueryParam(key: string, value: any) {
    const encodedKey = encodeURIComponent(key);
    return `${encodedKey}=${encodeURIComponent(typeof value === "number" ? value : `${value}`)}`;
  }

  protected addQueryParam(query: QueryParamsType, key: string) {
    return this.encodeQueryParam(key, query[key]);
  }

  protected addArrayQueryParam(query: QueryParamsType, key: string) {
    const value = query[key];
    return value.map((v: any) => this.encodeQueryParam(key, v)).join("&");
  }

  protected toQueryString(rawQuery?: QueryParamsType): string {
    const query = rawQuery || {};
    const keys = Object.keys(query).filter(
      (key) => "undefined" !== typeof query[key],
    );
    return keys
      .map((key) =>
        Array.isArray(query[key])
          ? this.addArrayQueryParam(query, key)
          : this.addQueryParam(query, key),
      )
      .join("&");
  }

  protected addQueryParams(rawQuery?: QueryParamsType): string {
    const queryString = this.toQueryString(rawQuery);
    return queryString ? `?${queryString}` : "";
  }

  private contentFormatters: Record<ContentType, (input: any) => any> = {
    ["application/json"]: (input: any) =>
      input !== null && (typeof input === "object" || typeof input === "string")
        ? JSON.stringify(input)
        : input,
    ["application/vnd.api+json"]: (input: any) =>
      input !== null && (typeof input === "object" || typeof input === "string")
        ? JSON.stringify(input)
        : input,
    ["text/plain"]: (input: any) =>
      input !== null && typeof input !== "string"
        ? JSON.stringify(input)
        : input,
    ["multipart/form-data"]: (input: any) => {
      if (input instanceof FormData) {
        return input;
      }

      return Object.keys(input || {}).reduce((formData, key) => {
        const property = input[key];
        formData.append(
          key,
          property instanceof Blob
            ? property
            : typeof property === "object" && property !== null
              ? JSON.stringify(property)
              : `${property}`,
        );
        return formData;
      }, new FormData());
    },
    ["application/x-www-form-urlencoded"]: (input: any) =>
      this.toQueryString(input),
  };

  protected mergeRequestParams(
    params1: RequestParams,
    params2?: RequestParams,
  ): RequestParams {
    return {
      ...this.baseApiParams,
      ...params1,
      ...(params2 || {}),
      headers: {
        ...(this.baseApiParams.headers || {}),
        ...(params1.headers || {}),
        ...((params2 && params2.headers) || {}),
      },
    };
  }

  protected createAbortSignal = (
    cancelToken: CancelToken,
  ): AbortSignal | undefined => {
    if (this.abortControllers.has(cancelToken)) {
      const abortController = this.abortControllers.get(cancelToken);
      if (abortController) {
        return abortController.signal;
      }
      return void 0;
    }

    const abortController = new AbortController();
    this.abortControllers.set(cancelToken, abortController);
    return abortController.signal;
  };

  public abortRequest = (cancelToken: CancelToken) => {
    const abortController = this.abortControllers.get(cancelToken);

    if (abortController) {
      abortController.abort();
      this.abortControllers.delete(cancelToken);
    }
  };

  public request = async <T = any, E = any>({
    body,
    secure,
    path,
    type,
    query,
    format,
    baseUrl,
    cancelToken,
    ...params
  }: FullRequestParams): Promise<HttpResponse<T, E>> => {
    const secureParams =
      ((typeof secure === "boolean" ? secure : this.baseApiParams.secure) &&
        this.securityWorker &&
        (await this.securityWorker(this.securityData))) ||
      {};
    const requestParams = this.mergeRequestParams(params, secureParams);
    const queryString = query && this.toQueryString(query);
    const payloadFormatter = this.contentFormatters[type || "application/json"];
    const responseFormat = format || requestParams.format;

    return this.customFetch(
      `${baseUrl || this.baseUrl || ""}${path}${queryString ? `?${queryString}` : ""}`,
      {
        ...requestParams,
        headers: {
          ...(requestParams.headers || {}),
          ...(type && type !== "multipart/form-data"
            ? { "Content-Type": type }
            : {}),
        },
        signal:
          (cancelToken
            ? this.createAbortSignal(cancelToken)
            : requestParams.signal) || null,
        body:
          typeof body === "undefined" || body === null
            ? null
            : payloadFormatter(body),
      },
    ).then(async (response) => {
      const r = response as HttpResponse<T, E>;
      r.data = null as unknown as T;
      r.error = null as unknown as E;

      const responseToParse = responseFormat ? response.clone() : response;
      const data = !responseFormat
        ? r
        : await responseToParse[responseFormat]()
            .then((data) => {
              if (r.ok) {
                r.data = data;
              } else {
                r.error = data;
              }
              return r;
            })
            .catch((e) => {
              r.error = e;
              return r;
            });

      if (cancelToken) {
        this.abortControllers.delete(cancelToken);
      }

      if (!response.ok) throw data;
      return data;
    });
  };
}

/**
 * @title Youmi facade API
 * @version 1
 * @license UNLICENSED: for the internal services of its owner
 * @baseUrl /
 * @contact
 *
 * A clean, versioned REST API over the 友米聚合 (Youmi) basic-data open API: operator accounts, staff, labels,
 * ad groups and friend custom attributes. Names are camelCase, times are UTC ISO 8601, deprecated (弃用)
 * vendor fields are dropped, and every field says which vendor field and Chinese term it comes from.
 *
 * Lists answer `{ data, meta }` with `limit` (1..500, default 50) and `offset`, and CSV with `Accept: text/csv`
 * or `format=csv` (`limit=all` exports every row). Errors are RFC 9457 problem details. Every 200 GET carries
 * `ETag` and `X-Cache` (HIT, MISS or STALE).
 */
export class Api<
  SecurityDataType extends unknown,
> extends HttpClient<SecurityDataType> {
  metrics = {
    /**
     * @description HTTP requests, vendor calls and latency, cache results, circuit states and drift counts.
     *
     * @tags operations
     * @name GetMetrics
     * @summary Prometheus metrics
     * @request GET:/metrics
     */
    getMetrics: (params: RequestParams = {}) =>
      this.request<string, void | ProblemDto>({
        path: `/metrics`,
        method: "GET",
        ...params,
      }),
  };
  health = {
    /**
     * @description 200 while the process runs; for a liveness probe. Query parameters are ignored.
     *
     * @tags operations
     * @name GetLiveness
     * @summary Liveness: 200 while the process runs
     * @request GET:/health/live
     */
    getLiveness: (params: RequestParams = {}) =>
      this.request<
        {
          /** @example {"database":{"status":"up"}} */
          details?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          >;
          /** @example {} */
          error?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          > | null;
          /** @example {"database":{"status":"up"}} */
          info?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          > | null;
          /** @example "ok" */
          status?: string;
        },
        | void
        | ProblemDto
        | {
            /** @example {"database":{"status":"up"},"redis":{"status":"down","message":"Could not connect"}} */
            details?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            >;
            /** @example {"redis":{"status":"down","message":"Could not connect"}} */
            error?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            > | null;
            /** @example {"database":{"status":"up"}} */
            info?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            > | null;
            /** @example "error" */
            status?: string;
          }
      >({
        path: `/health/live`,
        method: "GET",
        format: "json",
        ...params,
      }),

    /**
     * @description The body names the cause of a 503: credentials refused (errmsg and its meaning), timestamps refused (how far apart the clocks are), or the vendor unreachable. It always carries the clock offset to the vendor.
     *
     * @tags operations
     * @name GetReadiness
     * @summary Readiness: 200 when the vendor accepts our credentials and is reachable, or every resource has a cached copy; else 503
     * @request GET:/health/ready
     */
    getReadiness: (params: RequestParams = {}) =>
      this.request<
        {
          /** @example {"database":{"status":"up"}} */
          details?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          >;
          /** @example {} */
          error?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          > | null;
          /** @example {"database":{"status":"up"}} */
          info?: Record<
            string,
            {
              status: string;
              [key: string]: any;
            }
          > | null;
          /** @example "ok" */
          status?: string;
        },
        | void
        | ProblemDto
        | {
            /** @example {"database":{"status":"up"},"redis":{"status":"down","message":"Could not connect"}} */
            details?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            >;
            /** @example {"redis":{"status":"down","message":"Could not connect"}} */
            error?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            > | null;
            /** @example {"database":{"status":"up"}} */
            info?: Record<
              string,
              {
                status: string;
                [key: string]: any;
              }
            > | null;
            /** @example "error" */
            status?: string;
          }
      >({
        path: `/health/ready`,
        method: "GET",
        format: "json",
        ...params,
      }),
  };
  v1 = {
    /**
     * @description The operator accounts (运营号) the vendor knows, both kinds merged by id unless `kind` picks one, with text search over WeChat id, nickname and device number, sorted by id, friend count or add time. Lists also answer CSV.
     *
     * @tags operator accounts
     * @name ListOperatorAccounts
     * @summary List operator accounts (运营号配置; vendor GET WeCaht)
     * @request GET:/v1/operator-accounts
     * @secure
     */
    listOperatorAccounts: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Which vendor list to read (vendor `ad_wechat_lei`: 0 个微 wechat, 3 企微 wecom); absent reads both, merged.
         * @example "wechat"
         */
        kind?: "wechat" | "wecom";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
        /**
         * Case-insensitive substring of wechatId, nickname or deviceNo.
         * @maxLength 100
         * @example "P0"
         */
        q?: string;
        /**
         * Order: a field, `-` for descending; accounts with no addedAt come last. Default id.
         * @example "-friendCount"
         */
        sort?:
          | "id"
          | "-id"
          | "friendCount"
          | "-friendCount"
          | "addedAt"
          | "-addedAt";
      },
      params: RequestParams = {},
    ) =>
      this.request<OperatorAccountListDto, void | ProblemDto>({
        path: `/v1/operator-accounts`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One operator account by its vendor id (`ad_wechat_id`), of either kind.
     *
     * @tags operator accounts
     * @name GetOperatorAccount
     * @summary One operator account by id
     * @request GET:/v1/operator-accounts/{id}
     * @secure
     */
    getOperatorAccount: (id: number, params: RequestParams = {}) =>
      this.request<OperatorAccountDto, void | ProblemDto>({
        path: `/v1/operator-accounts/${id}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The staff (员工) of the merchant, ordered by code, filtered by status, exact code or part of the name (filters are applied by the facade over the whole vendor list). Lists also answer CSV.
     *
     * @tags staff
     * @name ListStaff
     * @summary List staff (员工配置; vendor GET staff), ordered by code
     * @request GET:/v1/staff
     * @secure
     */
    listStaff: (
      query?: {
        /**
         * Exact staff code (员工号; vendor `ad_staff_code`).
         * @minLength 1
         * @maxLength 64
         * @example "b01"
         */
        code?: string;
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Case-insensitive substring of the staff name (员工姓名; vendor `ad_staff_name`).
         * @maxLength 100
         * @example "b0"
         */
        name?: string;
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
        /**
         * Status filter (vendor `ad_staff_state`: -1 all, 0 启用 active, 1 停用 disabled). Default all.
         * @example "active"
         */
        status?: "active" | "disabled" | "all";
      },
      params: RequestParams = {},
    ) =>
      this.request<StaffListDto, void | ProblemDto>({
        path: `/v1/staff`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One staff member by code; 404 when no staff member has it.
     *
     * @tags staff
     * @name GetStaff
     * @summary One staff member by code
     * @request GET:/v1/staff/{code}
     * @secure
     */
    getStaff: (code: string, params: RequestParams = {}) =>
      this.request<StaffDto, void | ProblemDto>({
        path: `/v1/staff/${code}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The operator accounts one staff member manages, by account id; 404 when no staff member has the code (in the staff list or at the vendor).
     *
     * @tags staff
     * @name ListStaffOperatorAccounts
     * @summary A staff member's operator accounts (员工管理运营机; vendor POST staff/GetStaffWechat), by id
     * @request GET:/v1/staff/{code}/operator-accounts
     * @secure
     */
    listStaffOperatorAccounts: (
      code: string,
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<StaffOperatorAccountListDto, void | ProblemDto>({
        path: `/v1/staff/${code}/operator-accounts`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description Every staff member's operator accounts, one item per pair, ordered by staff code then account id.
     *
     * @tags staff
     * @name ListStaffAssignments
     * @summary Every staff member's operator accounts, one item per pair (员工管理运营机; vendor POST staff/GetStaffWechat)
     * @request GET:/v1/staff-assignments
     * @secure
     */
    listStaffAssignments: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<StaffAssignmentListDto, void | ProblemDto>({
        path: `/v1/staff-assignments`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The label categories by id: those of the vendor's category list plus any category that only label rows mention.
     *
     * @tags labels
     * @name ListLabelCategories
     * @summary List label categories (标签分类; vendor GET /Label, plus categories that only wecahtlabel rows mention)
     * @request GET:/v1/label-categories
     * @secure
     */
    listLabelCategories: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<LabelCategoryListDto, void | ProblemDto>({
        path: `/v1/label-categories`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One label category by id, including categories that only label rows mention.
     *
     * @tags labels
     * @name GetLabelCategory
     * @summary One label category by id
     * @request GET:/v1/label-categories/{id}
     * @secure
     */
    getLabelCategory: (id: number, params: RequestParams = {}) =>
      this.request<LabelCategoryDto, void | ProblemDto>({
        path: `/v1/label-categories/${id}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The labels by id, optionally of one category.
     *
     * @tags labels
     * @name ListLabels
     * @summary List labels (标签配置; vendor GET wecahtlabel), by id
     * @request GET:/v1/labels
     * @secure
     */
    listLabels: (
      query?: {
        /**
         * Only labels of this category (标签分类; vendor `categories` / `ad_label_id`).
         * @min 1
         * @max 2147483647
         * @example 189
         */
        categoryId?: number;
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<LabelListDto, void | ProblemDto>({
        path: `/v1/labels`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One label by id.
     *
     * @tags labels
     * @name GetLabel
     * @summary One label by id
     * @request GET:/v1/labels/{id}
     * @secure
     */
    getLabel: (id: number, params: RequestParams = {}) =>
      this.request<LabelDto, void | ProblemDto>({
        path: `/v1/labels/${id}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description Every category with its labels, not paged: categories by id, labels in each by id, empty categories included. JSON only.
     *
     * @tags labels
     * @name GetLabelTree
     * @summary Every label category with its labels, not paged (标签分类 + 标签配置; vendor GET /Label and wecahtlabel)
     * @request GET:/v1/label-tree
     * @secure
     */
    getLabelTree: (params: RequestParams = {}) =>
      this.request<LabelTreeDto, void | ProblemDto>({
        path: `/v1/label-tree`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The ad groups (投放组) by id, with their operator account ids, the accounts' WeChat ids and QR codes, and the region named from its division code.
     *
     * @tags ad groups
     * @name ListAdGroups
     * @summary List ad groups (投放组配置; vendor GET AdManage), by id
     * @request GET:/v1/ad-groups
     * @secure
     */
    listAdGroups: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<AdGroupListDto, void | ProblemDto>({
        path: `/v1/ad-groups`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One ad group by id.
     *
     * @tags ad groups
     * @name GetAdGroup
     * @summary One ad group by id
     * @request GET:/v1/ad-groups/{id}
     * @secure
     */
    getAdGroup: (id: number, params: RequestParams = {}) =>
      this.request<AdGroupDto, void | ProblemDto>({
        path: `/v1/ad-groups/${id}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The friends' custom attributes, ordered by sort then id, optionally of one type, with their options.
     *
     * @tags custom attributes
     * @name ListCustomAttributes
     * @summary List friend custom attributes (好友自定义属性配置; vendor GET friend/GetCustomAttributeList), by sort then id
     * @request GET:/v1/custom-attributes
     * @secure
     */
    listCustomAttributes: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
        /**
         * Only attributes of this type (字段类型; vendor `customType`).
         * @example "multi-select"
         */
        type?: "text" | "date" | "single-select" | "multi-select";
      },
      params: RequestParams = {},
    ) =>
      this.request<CustomAttributeListDto, void | ProblemDto>({
        path: `/v1/custom-attributes`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description One custom attribute by id.
     *
     * @tags custom attributes
     * @name GetCustomAttribute
     * @summary One custom attribute by id
     * @request GET:/v1/custom-attributes/{id}
     * @secure
     */
    getCustomAttribute: (id: number, params: RequestParams = {}) =>
      this.request<CustomAttributeDto, void | ProblemDto>({
        path: `/v1/custom-attributes/${id}`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description Per vendor endpoint, field and kind: unknown fields, wrong types, unparseable values and malformed JSON, with counts and first/last seen.
     *
     * @tags upstream
     * @name GetUpstreamDrift
     * @summary What the vendor sent that the facade did not expect
     * @request GET:/v1/upstream/drift
     * @secure
     */
    getUpstreamDrift: (
      query?: {
        /**
         * Answer format; `csv` is the same as `Accept: text/csv` (UTF-8 with BOM, dotted column names).
         * @example "json"
         */
        format?: "json" | "csv";
        /**
         * Items per page, 1 to 500 (default 50). CSV export (`format=csv` or `Accept: text/csv`) also takes `limit=all` for every row.
         * @default 50
         * @example 50
         */
        limit?: number | "all";
        /**
         * Items to skip (default 0), at most 10000000.
         * @min 0
         * @max 10000000
         * @default 0
         * @example 0
         */
        offset?: number;
      },
      params: RequestParams = {},
    ) =>
      this.request<DriftReportDto, void | ProblemDto>({
        path: `/v1/upstream/drift`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description The change feed, read by cursor: pass `meta.next` as `after` to read on. Every CHANGES_POLL_SECONDS the facade reads each resource fresh from the vendor and records one event per record created, updated or deleted (the first read after a start with nothing stored is a baseline, without events). Keeps the newest CHANGES_RETENTION events.
     *
     * @tags changes
     * @name ListChanges
     * @summary What changed at the vendor: created, updated and deleted records, oldest first
     * @request GET:/v1/changes
     * @secure
     */
    listChanges: (
      query?: {
        /**
         * The id of the last event already read (`meta.next` of the previous page); absent: from the oldest event kept. An id the feed never held is 400; one older than the oldest kept is 410.
         * @maxLength 40
         * @example "1764230400000-0"
         */
        after?: string;
        /**
         * Events per page, 1 to 1000 (default 100).
         * @min 1
         * @max 1000
         * @default 100
         * @example 100
         */
        limit?: number;
        /** Only the events of this resource. */
        resource?: ChangeResource;
      },
      params: RequestParams = {},
    ) =>
      this.request<ChangesPageDto, void | ProblemDto>({
        path: `/v1/changes`,
        method: "GET",
        query: query,
        secure: true,
        format: "json",
        ...params,
      }),

    /**
     * @description Each event as `id: <id>`, `event: <type>`, `data: <event JSON>`; a comment line every 15 s keeps idle connections open. Resumes after `Last-Event-ID` (or `?after=`), else starts with the events from now on. The API key and rate limit apply as to every `/v1` request; a stream counts once.
     *
     * @tags changes
     * @name StreamChanges
     * @summary The change feed as Server-Sent Events, live
     * @request GET:/v1/changes/stream
     * @secure
     */
    streamChanges: (
      query?: {
        /**
         * Resume after this event id, as the `Last-Event-ID` header does (the header wins). Absent: only events from now on.
         * @maxLength 40
         * @example "1764230400000-0"
         */
        after?: string;
      },
      params: RequestParams = {},
    ) =>
      this.request<string, ProblemDto>({
        path: `/v1/changes/stream`,
        method: "GET",
        query: query,
        secure: true,
        ...params,
      }),

    /**
     * @description One entry per WEBHOOK_URLS entry: the last event delivered, how many events wait, the latest failure and when it is tried again.
     *
     * @tags changes
     * @name ListWebhookDeliveries
     * @summary Where each webhook URL stands: position, backlog, last error
     * @request GET:/v1/changes/deliveries
     * @secure
     */
    listWebhookDeliveries: (params: RequestParams = {}) =>
      this.request<DeliveriesDto, void | ProblemDto>({
        path: `/v1/changes/deliveries`,
        method: "GET",
        secure: true,
        format: "json",
        ...params,
      }),
  };
}
