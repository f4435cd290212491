/**
 * A label the seed dataset does not have (in its category 189, 客户意向), for tests that add one at the
 * simulator.
 */
export const NEW_LABEL = {
  ad_label_info_id: 9001,
  ad_label_info_name: '复购',
  ad_label_id: 189,
  ad_label_time: '2026-11-30T10:00:00.000000+08:00',
  merchant_id: null,
  ad_label_name: '客户意向',
  ad_choose: 0,
};
