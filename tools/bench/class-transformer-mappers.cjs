// The same mapping rules written the way NestJS projects usually write them: class-transformer classes
// with @Expose and @Transform, applied with plainToInstance. Only the benchmark uses this, to compare.
// Decorators are applied by hand because this file is plain JavaScript.
require('reflect-metadata');
const { Expose, Transform, plainToInstance, instanceToPlain } = require('class-transformer');

function decorate(target, property, ...decorators) {
  for (const decorator of decorators) decorator(target.prototype, property);
}

module.exports = function createClassTransformerMappers(parseVendorTime) {
  const int = (value) => {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number.parseInt(value, 10);
    return null;
  };
  const bool = (value) => value === true || value === 1 || value === '1' || value === 'true';
  const text = (value) =>
    typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
  const time = (value) => (typeof value === 'string' && value !== '' ? parseVendorTime(value) : null);
  const url = (value) => {
    if (typeof value !== 'string') return null;
    const trimmed = value.trim();
    return /^https?:\/\/./i.test(trimmed) ? trimmed : null;
  };
  const KINDS = ['wechat', 'official-account', 'mini-program', 'wecom'];

  class Authorizations {}
  class Notify {}
  class OperatorAccount {}
  const from = (name, transform) => [
    Expose(),
    Transform(({ obj }) => transform(obj[name]), { toClassOnly: true }),
  ];
  decorate(OperatorAccount, 'id', ...from('ad_wechat_id', int));
  decorate(OperatorAccount, 'wechatId', ...from('ad_wechat_nober', (v) => text(v) ?? ''));
  decorate(OperatorAccount, 'deviceNo', ...from('ad_wechat_nick', (v) => text(v) ?? ''));
  decorate(OperatorAccount, 'nickname', ...from('ad_wechat_nickname', text));
  decorate(OperatorAccount, 'originalId', ...from('ad_original_nober', text));
  decorate(OperatorAccount, 'qrCodeUrl', ...from('ad_wechat_qrcode', url));
  decorate(OperatorAccount, 'kind', ...from('ad_wechat_lei', (v) => KINDS[int(v)] ?? 'unknown'));
  decorate(OperatorAccount, 'addedAt', ...from('ad_wechat_addtime', time));
  decorate(OperatorAccount, 'friendCount', ...from('ad_wechat_friend', (v) => int(v) ?? 0));
  decorate(OperatorAccount, 'groupCount', ...from('ad_wechat_group', (v) => int(v) ?? 0));
  decorate(
    OperatorAccount,
    'authorizations',
    Expose(),
    Transform(
      ({ obj }) =>
        plainToInstance(Authorizations, {
          monitoring: bool(obj.ad_wechat_friends),
          push: bool(obj.ad_wechat_push),
          callRecords: bool(obj.ad_wechat_record),
        }),
      { toClassOnly: true },
    ),
  );
  decorate(OperatorAccount, 'addFriendTasksEnabled', ...from('is_receiveaddfriendtask', bool));
  decorate(
    OperatorAccount,
    'notify',
    Expose(),
    Transform(
      ({ obj }) =>
        plainToInstance(Notify, {
          exceptionStaffCode: text(obj.ad_receive_code),
          keywordStaffCode: text(obj.ad_key_code),
          friendRequestStaffCode: text(obj.ad_chatroom_code),
        }),
      { toClassOnly: true },
    ),
  );
  decorate(OperatorAccount, 'deviceImei', ...from('imei', text));

  class LabelCategory {}
  decorate(LabelCategory, 'id', ...from('ad_label_id', int));
  decorate(LabelCategory, 'name', ...from('ad_label_name', (v) => text(v) ?? ''));
  decorate(LabelCategory, 'selection', ...from('ad_choose', (v) => (int(v) === 1 ? 'multiple' : 'single')));

  class Label {}
  decorate(Label, 'id', ...from('ad_label_info_id', int));
  decorate(Label, 'name', ...from('ad_label_info_name', (v) => text(v) ?? ''));
  decorate(Label, 'categoryId', ...from('ad_label_id', int));
  decorate(Label, 'createdAt', ...from('ad_label_time', time));
  decorate(Label, 'merchantId', ...from('merchant_id', text));

  const options = { excludeExtraneousValues: true };
  return {
    mapOperatorAccounts(values) {
      return instanceToPlain(plainToInstance(OperatorAccount, values, options));
    },
    buildLabelTree(categoryValues, labelValues) {
      const categories = new Map();
      for (const category of instanceToPlain(plainToInstance(LabelCategory, categoryValues, options))) {
        if (!categories.has(category.id)) categories.set(category.id, { ...category, labels: [] });
      }
      const labels = instanceToPlain(plainToInstance(Label, labelValues, options)).sort(
        (a, b) => a.id - b.id,
      );
      const namingRows = plainToInstance(LabelCategory, labelValues, options);
      labelValues.forEach((row, i) => {
        const categoryId = namingRows[i].id;
        if (!categories.has(categoryId))
          categories.set(categoryId, { ...instanceToPlain(namingRows[i]), labels: [] });
      });
      for (const { categoryId, ...label } of labels) categories.get(categoryId).labels.push(label);
      return [...categories.values()].sort((a, b) => a.id - b.id);
    },
  };
};
