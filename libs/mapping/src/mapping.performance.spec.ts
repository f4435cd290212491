import { mapOperatorAccounts } from './index';
import { SEED_OPERATOR_ACCOUNTS_RESPONSE } from '../test/seed-records';

/**
 * A coarse guard, not the benchmark: about 0.5–2 µs a record is expected, so even a slow, busy CI
 * machine stays far below this bound unless the hot path regresses by an order of magnitude.
 */
describe('mapping performance', () => {
  it('maps 100,000 operator accounts in well under two seconds', () => {
    const seed = SEED_OPERATOR_ACCOUNTS_RESPONSE.values[0];
    const values: unknown = JSON.parse(
      JSON.stringify(
        Array.from({ length: 100_000 }, (_, i) => ({
          ...seed,
          ad_wechat_id: i,
          ad_wechat_nober: `wxid_${i}`,
          ad_wechat_qrcode: `http://7nimg.agsoft.net/${i}.png`,
          ad_wechat_addtime: '2018-01-18T21:17:35.613849+08:00',
          ad_wechat_friend: String(i % 5000),
        })),
      ),
    );
    mapOperatorAccounts(values, () => undefined); // warm-up, so the bound measures optimised code
    const started = performance.now();
    const accounts = mapOperatorAccounts(values, () => undefined);
    const elapsed = performance.now() - started;
    expect(accounts).toHaveLength(100_000);
    expect(accounts[99_999].addedAt).toBe('2018-01-18T13:17:35.613Z');
    expect(elapsed).toBeLessThan(2_000);
  });
});
