import { MIGRATIONS } from './sync-migrations';
import { keyOf, recordOf, rowOf, SYNC_TABLES } from './sync-tables';

function table(name: string) {
  const found = SYNC_TABLES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

describe('the synced tables', () => {
  it('write an API record as snake_case columns, nested objects whole, and read it back the same', () => {
    const account = {
      id: 3516,
      wechatId: 'dong23287',
      deviceNo: 'P05',
      nickname: '董小姐',
      originalId: null,
      qrCodeUrl: null,
      kind: 'wechat',
      addedAt: '2018-01-05T03:53:23.580Z',
      friendCount: 12,
      groupCount: 0,
      authorizations: { monitoring: true, push: false, callRecords: false },
      addFriendTasksEnabled: true,
      notify: { exceptionStaffCode: 'b01', keywordStaffCode: null, friendRequestStaffCode: null },
      deviceImei: null,
    };
    const row = rowOf(table('operator_accounts'), account);
    expect(row).toMatchObject({
      id: 3516,
      wechat_id: 'dong23287',
      added_at: '2018-01-05T03:53:23.580Z',
      authorizations: account.authorizations,
      add_friend_tasks_enabled: true,
    });
    expect(recordOf(table('operator_accounts'), { ...row, added_at: new Date(account.addedAt) })).toEqual(
      account,
    );
  });

  it('keep a staff assignment’s account whole, and its id beside it for keys and joins', () => {
    const assignment = {
      staffCode: 'b01',
      account: {
        id: 3521,
        wechatId: 'mioz888',
        deviceNo: 'P04',
        nickname: null,
        qrCodeUrl: null,
        originalId: null,
      },
    };
    const row = rowOf(table('staff_assignments'), assignment);
    expect(row).toEqual({ staff_code: 'b01', account_id: 3521, account: assignment.account });
    expect(recordOf(table('staff_assignments'), row)).toEqual(assignment);
  });

  it('read a change event’s key as the key column’s type', () => {
    expect(keyOf(table('labels'), '1072')).toEqual([1072]);
    expect(keyOf(table('staff'), '007')).toEqual(['007']);
  });

  it('match the columns the migrations create, each table with the key of its feed resource', () => {
    const sql = MIGRATIONS.map((migration) => migration.sql).join('\n');
    for (const synced of SYNC_TABLES) {
      const body = new RegExp(`CREATE TABLE \\$schema\\.${synced.name} \\(([^;]*)\\);`).exec(sql)?.[1] ?? '';
      const created = body
        .split('\n')
        .map((line) => /^\s+([a-z_]+) (text|integer|boolean|timestamptz|jsonb)\b/.exec(line))
        .filter((match) => match !== null)
        .map((match) => `${match[1]} ${match[2]}`);
      expect({ table: synced.name, columns: created }).toEqual({
        table: synced.name,
        columns: synced.columns.map((column) => `${column.name} ${column.type}`),
      });
    }
    expect(SYNC_TABLES.filter((synced) => synced.resource === null).map((synced) => synced.name)).toEqual([
      'staff_assignments',
    ]);
  });
});
