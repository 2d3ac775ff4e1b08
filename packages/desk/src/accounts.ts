import { ADMIN_OPERATIONS, AdminError } from './admin.ts';
import type { Role, Store } from './store/index.ts';

/*
 * Account operations (`jxaudit user add|list|passwd|disable`), the same whether the command opens
 * the database itself or asks the running server. Passwords arrive hashed: the plain password
 * never leaves the command's process.
 */

const NAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,64}$/;

export function nameProblem(name: string): string | null {
  return NAME.test(name) ? null : '账号名只能使用字母、数字、汉字和 _ . -，最长 64 个字符。';
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string') throw new AdminError(`缺少 ${key}`);
  return v;
}

ADMIN_OPERATIONS.set('user-add', async (store: Store, body) => {
  const name = str(body, 'name');
  const problem = nameProblem(name);
  if (problem) throw new AdminError(problem);
  const role = str(body, 'role') as Role;
  if (role !== 'reviewer' && role !== 'lead') throw new AdminError('角色只能是 reviewer（审核人）或 lead（科室负责人）。');
  if (await store.userByName(name)) throw new AdminError(`账号“${name}”已存在。要重设密码请用 jxaudit user passwd ${name}。`);
  await store.addUser({ name, displayName: str(body, 'displayName') || name, role, passwordHash: str(body, 'passwordHash') });
  return { name, role };
});

ADMIN_OPERATIONS.set('user-list', async (store: Store) => {
  return (await store.listUsers()).map((u) => ({ ...u, createdAt: u.createdAt.toISOString(), disabledAt: u.disabledAt?.toISOString() ?? null }));
});

ADMIN_OPERATIONS.set('user-passwd', async (store: Store, body) => {
  const name = str(body, 'name');
  if (!(await store.setPassword(name, str(body, 'passwordHash')))) throw new AdminError(`没有账号“${name}”。`);
  return { name };
});

ADMIN_OPERATIONS.set('user-disable', async (store: Store, body) => {
  const name = str(body, 'name');
  if (!(await store.disableUser(name))) {
    throw new AdminError((await store.userByName(name)) ? `账号“${name}”已经停用。` : `没有账号“${name}”。`);
  }
  return { name };
});
