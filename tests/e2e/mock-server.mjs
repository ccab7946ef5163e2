// A stand-in for `jixiao serve` for fast UI checks: serves web/dist and answers the platform
// API (docs/api-platform.md) from memory, with the contract's status codes, error bodies,
// session cookie and CSRF check. It is not the server: the journeys in platform.test.mjs run
// against the real one; this one backs smoke.test.mjs (JX_E2E_MOCK=1) and screenshots.
//
//   node tests/e2e/mock-server.mjs [--port 4174]      then open http://127.0.0.1:4174
//
// Accounts (password Demo@2026jx): sysadmin, secadmin, auditadmin, zhangsan (a business user
// with to-do items and a password that expires in 10 days), newbie (must change password).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(HERE, '../../web/dist');
export const DEMO_PASSWORD = 'Demo@2026jx';
const API = '/api/v1';

const PERMS = {
  sysadmin: ['system.user.read', 'system.user.manage', 'system.org.manage'],
  secadmin: ['security.role.read', 'security.role.grant', 'security.policy.manage', 'security.session.manage', 'security.loginlog.read'],
  auditadmin: ['audit.log.read', 'audit.log.export'],
  project_clerk: ['fixture.submit'],
  project_reviewer: ['fixture.review'],
};

const PERMISSION_NAMES = [
  ['system.user.read', '查看账号', 'org'],
  ['system.user.manage', '管理账号', 'org'],
  ['system.org.manage', '管理单位', 'org'],
  ['security.role.read', '查看角色', 'auth'],
  ['security.role.grant', '授予角色', 'auth'],
  ['security.policy.manage', '管理安全策略', 'auth'],
  ['security.session.manage', '管理在线会话', 'auth'],
  ['security.loginlog.read', '查看登录日志', 'auth'],
  ['audit.log.read', '查看审计日志', 'audit'],
  ['audit.log.export', '导出审计日志', 'audit'],
  ['fixture.submit', '提交单据', 'workflow'],
  ['fixture.review', '审核单据', 'workflow'],
].map(([code, name, module]) => ({ code, name, module }));

const ROLES = [
  { id: 1, code: 'sysadmin', name: '系统管理员', builtin: true, admin_kind: 'system', description: '管理账号与单位，不能授权、不能查看业务数据与审计日志' },
  { id: 2, code: 'secadmin', name: '安全管理员', builtin: true, admin_kind: 'security', description: '授予角色、设置安全策略、管理在线会话' },
  { id: 3, code: 'auditadmin', name: '审计管理员', builtin: true, admin_kind: 'audit', description: '查看与导出审计日志和登录日志' },
  { id: 4, code: 'project_clerk', name: '项目填报员', builtin: false, admin_kind: null, description: '预算单位填报绩效目标、自评等' },
  { id: 5, code: 'project_reviewer', name: '绩效审核员', builtin: false, admin_kind: null, description: '财政部门审核各单位报送材料' },
].map((r) => ({ ...r, permissions: PERMS[r.code] }));

// The menu as `jixiao serve` builds it (home and to-do for everyone, then each group the
// caller's permissions open).
function menuFor(perms) {
  const has = (p) => perms.includes(p);
  const item = (key, title, title_en, icon, path) => ({ key, title, title_en, icon, path, children: [] });
  const menu = [item('home', '首页', 'Home', 'HomeFilled', '/home'), item('todo', '待办事项', 'To-do', 'Bell', '/todo')];
  if (has('system.user.read')) {
    menu.push({ ...item('system', '系统管理', 'System', 'Setting', ''), children: [item('admin-users', '账号管理', 'Accounts', 'User', '/admin/users')] });
  }
  if (has('security.role.read')) {
    menu.push({ ...item('security', '安全管理', 'Security', 'Lock', ''), children: [
      item('admin-roles', '角色授权', 'Roles', 'Key', '/admin/roles'),
      ...(has('security.session.manage') ? [item('admin-sessions', '在线会话', 'Sessions', 'Connection', '/admin/sessions')] : []),
      ...(has('security.policy.manage') ? [item('admin-policy', '安全策略', 'Security policy', 'Lock', '/admin/security-policy')] : []),
      ...(has('security.loginlog.read') ? [item('security-login-logs', '登录日志', 'Sign-in log', 'Tickets', '/audit/login-logs')] : []),
    ] });
  }
  if (has('audit.log.read')) {
    menu.push({ ...item('audit', '安全审计', 'Audit', 'Document', ''), children: [
      item('audit-logs', '审计日志', 'Audit log', 'Document', '/audit/logs'),
      item('login-logs', '登录日志', 'Sign-in log', 'Tickets', '/audit/login-logs'),
    ] });
  }
  return menu;
}

const nowIso = () => new Date().toISOString();
const daysFromNow = (d) => new Date(Date.now() + d * 86400e3).toISOString();

function classesOf(p) {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
}

export function createState({ secadminListsUsers = true } = {}) {
  const state = {
    secadminListsUsers,
    users: [],
    sessions: new Map(), // token -> session
    audit: [],
    logins: [],
    policy: { min_length: 8, min_classes: 3, history: 5, expiry_days: 90, max_failures: 5, lockout_minutes: 15, idle_timeout_minutes: 30, absolute_timeout_hours: 12, version: 3 },
    seq: { user: 0, audit: 0, login: 0 },
  };
  const add = (username, display_name, roles, extra = {}) => {
    const id = ++state.seq.user;
    state.users.push({
      id, username, display_name, org_id: extra.org_id ?? null, phone: extra.phone ?? '', email: extra.email ?? '',
      status: extra.status ?? 'active', locked: false, failed: 0, must_change_password: extra.must ?? false,
      roles, password: extra.password ?? DEMO_PASSWORD, history: [], last_login_at: extra.last ?? null,
      created_at: extra.created ?? '2026-01-05T01:20:00.000Z', version: 1,
      password_expires_at: extra.expires ?? daysFromNow(80),
    });
  };
  add('sysadmin', '系统管理员', ['sysadmin'], { last: '2026-11-27T01:12:00.000Z' });
  add('secadmin', '安全管理员', ['secadmin'], { last: '2026-11-26T08:40:00.000Z' });
  add('auditadmin', '审计管理员', ['auditadmin'], { last: '2026-11-26T09:05:00.000Z' });
  add('zhangsan', '张三', ['project_clerk'], { org_id: 12, phone: '13800138000', email: 'zhangsan@gx.gov.cn', expires: daysFromNow(10), last: '2026-11-27T02:01:00.000Z' });
  add('lisi', '李四', ['project_reviewer'], { org_id: 1, phone: '0635-5121234', email: '' });
  add('wangwu', '王五', ['project_clerk'], { org_id: 15, status: 'disabled' });
  add('zhaoliu', '赵六', [], { org_id: 16, must: true });
  add('newbie', '新用户', [], { must: true });
  const units = ['县教育局', '县卫生健康局', '县农业农村局', '县住房和城乡建设局', '县民政局', '县交通运输局'];
  for (let i = 0; i < 16; i++) add(`clerk${String(i + 1).padStart(2, '0')}`, `${units[i % units.length]}填报员${i + 1}`, ['project_clerk'], { org_id: 20 + i });
  state.users.find((u) => u.username === 'clerk03').locked = true;

  // Audit history: older first, so ids grow with time.
  const actions = [
    ['sysadmin', 'user.create', 'user', '9', 'success', null, { username: 'clerk01', display_name: '县教育局填报员1' }],
    ['sysadmin', 'user.update', 'user', '4', 'success', { display_name: '张 三', phone: '' }, { display_name: '张三', phone: '13800138000' }],
    ['secadmin', 'user.roles.set', 'user', '4', 'success', { roles: [] }, { roles: ['project_clerk'] }],
    ['secadmin', 'security_policy.update', 'security_policy', '1', 'success', { history: 5, expiry_days: 90 }, { history: 5, expiry_days: 60 }],
    ['sysadmin', 'user.reset_password', 'user', '7', 'success', null, { must_change_password: true }],
    ['secadmin', 'user.roles.set', 'user', '10', 'failure', { roles: ['project_clerk'] }, { roles: ['sysadmin', 'auditadmin'] }],
    ['sysadmin', 'user.disable', 'user', '6', 'success', { status: 'active' }, { status: 'disabled' }],
    ['secadmin', 'session.end', 'session', 's-77f1', 'success', { user: 'lisi' }, null],
    ['zhangsan', 'auth.password.change', 'user', '4', 'success', null, null],
    ['sysadmin', 'user.unlock', 'user', '11', 'success', { locked: true }, { locked: false }],
  ];
  let t = Date.parse('2026-11-20T01:00:00.000Z');
  for (let i = 0; i < 36; i++) {
    const [actor, action, ot, oid, result, before, after] = actions[i % actions.length];
    t += 3 * 3600e3 + i * 60e3;
    state.audit.push({
      id: ++state.seq.audit, at: new Date(t).toISOString(), actor_id: state.users.find((u) => u.username === actor).id,
      actor_name: actor, ip: i % 3 ? '10.12.3.41' : '10.12.3.17', request_id: crypto.randomBytes(6).toString('hex'),
      action, object_type: ot, object_id: oid, result, before, after,
    });
  }
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'];
  let lt = Date.parse('2026-11-24T00:30:00.000Z');
  for (let i = 0; i < 28; i++) {
    const u = ['zhangsan', 'sysadmin', 'lisi', 'secadmin', 'ghost', 'auditadmin', 'clerk03'][i % 7];
    // As the server records it: success or failure, with the reason in detail.
    const result = u === 'ghost' || u === 'clerk03' || i % 9 === 4 ? 'failure' : 'success';
    lt += 2 * 3600e3 + i * 97e3;
    state.logins.push({
      id: ++state.seq.login, at: new Date(lt).toISOString(), username: u, user_id: state.users.find((x) => x.username === u)?.id ?? null,
      ip: i % 2 ? '10.12.3.41' : '10.12.5.102', user_agent: agents[i % 2], result,
      detail: result === 'success' ? '' : u === 'clerk03' ? 'account_locked' : u === 'ghost' ? 'unknown_user' : 'bad_password failures=1',
    });
  }
  // Other people's sessions, to be seen and ended by the security administrator.
  for (const [i, u] of ['zhangsan', 'lisi', 'clerk01', 'clerk02'].entries()) {
    const user = state.users.find((x) => x.username === u);
    state.sessions.set(crypto.randomBytes(16).toString('hex'), {
      id: `s-${crypto.randomBytes(4).toString('hex')}`, user_id: user.id, csrf: crypto.randomBytes(8).toString('hex'),
      ip: `10.12.${3 + i}.${40 + i}`, user_agent: agents[i % 2], created_at: daysFromNow(-0.2 - i * 0.05), last_seen_at: daysFromNow(-0.01 * (i + 1)),
    });
  }
  return state;
}

const ACTION_LABELS = { approve: '通过', return: '退回', resubmit: '重新提交', submit: '提交' };
const TODO = [
  ['target', 'T2026-0012', '2026 年度县教育局部门整体绩效目标', 'submitted', '待审核', ['approve', 'return']],
  ['target', 'T2026-0031', '城乡环卫一体化项目绩效目标（2026）', 'returned', '已退回', ['resubmit']],
  ['monitoring', 'M2026-07-004', '学前教育补助资金 1—7 月绩效运行监控表', 'draft', '待提交', ['submit']],
  ['self_eval', 'E2025-0140', '校车补贴项目 2025 年度绩效自评报告', 'submitted', '待审核', ['approve', 'return']],
  ['rectification', 'R2026-0008', '小学课后服务项目评价问题整改报告', 'draft', '待提交', ['submit']],
  ['target', 'T2026-0044', '县卫生健康局基本公共卫生服务项目绩效目标', 'submitted', '待审核', ['approve', 'return']],
  ['monitoring', 'M2026-07-011', '工业技术改造综合奖补资金运行监控', 'submitted', '待审核', ['approve', 'return']],
  ['self_eval', 'E2025-0162', '农村公路养护项目绩效自评', 'draft', '待提交', ['submit']],
  ['target', 'T2026-0050', '公厕管理与路灯维护项目绩效目标', 'returned', '已退回', ['resubmit']],
  ['monitoring', 'M2026-07-015', '县民政局部门整体支出运行监控', 'draft', '待提交', ['submit']],
  ['self_eval', 'E2025-0171', '乡镇财政运行综合绩效评价自评', 'submitted', '待审核', ['approve', 'return']],
  ['target', 'T2026-0058', '高标准农田建设项目绩效目标', 'submitted', '待审核', ['approve', 'return']],
].map(([doc_type, doc_id, title, st, state_label, actions], i) => ({
  doc_type, doc_id, title, state: st, state_label,
  actions: actions.map((code) => ({ code, label: ACTION_LABELS[code] })), updated_at: new Date(Date.parse('2026-11-27T03:10:00.000Z') - i * 5.3 * 3600e3).toISOString(),
}));

// ------------------------------------------------------------------ HTTP

function err(status, code, message, details) {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}
const ok = (body, status = 200) => ({ status, body });

const EN = {
  invalid_credentials: 'Wrong user name or password',
  unauthenticated: 'Please sign in',
  forbidden: 'You do not have permission for this',
};

function page(items, q) {
  const p = Math.max(1, Number(q.get('page') || 1));
  const size = Math.min(200, Math.max(1, Number(q.get('page_size') || 20)));
  return { items: items.slice((p - 1) * size, p * size), total: items.length };
}

function inRange(at, q) {
  const from = q.get('from');
  const to = q.get('to');
  if (from && at < (from.length === 10 ? `${from}T00:00:00.000Z` : from)) return false;
  if (to && at > (to.length === 10 ? `${to}T23:59:59.999Z` : to)) return false;
  return true;
}

function publicUser(u) {
  const { password, history, failed, password_expires_at, ...rest } = u;
  return { ...rest, roles: u.roles.map((c) => ({ code: c, name: ROLES.find((r) => r.code === c).name })) };
}

function me(state, u, s) {
  const perms = [...new Set(u.roles.flatMap((c) => PERMS[c] ?? []))];
  return {
    id: u.id, username: u.username, display_name: u.display_name, org_id: u.org_id,
    roles: publicUser(u).roles, permissions: perms, must_change_password: u.must_change_password,
    password_expires_at: u.password_expires_at, csrf_token: s.csrf, menu: menuFor(perms),
  };
}

function newPassword() {
  return `Jx${crypto.randomBytes(4).toString('hex')}#${Math.floor(Math.random() * 90 + 10)}`;
}

function policyError(state, u, pw) {
  const p = state.policy;
  if ([...pw].length < p.min_length) return `密码长度不能少于 ${p.min_length} 个字符`;
  if (classesOf(pw) < p.min_classes) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${p.min_classes} 类`;
  if (pw.toLowerCase().includes(u.username.toLowerCase())) return '密码不能包含用户名';
  if (pw === u.password || u.history.slice(-p.history).includes(pw)) return `不能使用最近 ${p.history} 次用过的密码`;
  return null;
}

function audit(state, actor, req, action, object_type, object_id, result, before, after) {
  state.audit.push({
    id: ++state.seq.audit, at: nowIso(), actor_id: actor?.id ?? 0, actor_name: actor?.username ?? '', ip: '127.0.0.1',
    request_id: req.requestId, action, object_type, object_id: String(object_id), result, before, after,
  });
}

function handleApi(state, req, url, body) {
  const route = url.pathname.slice(API.length);
  const q = url.searchParams;
  const m = req.method;
  const en = (req.headers['accept-language'] || '').startsWith('en');
  const cookie = Object.fromEntries((req.headers.cookie || '').split(/;\s*/).filter(Boolean).map((c) => c.split('=')));
  const token = cookie.jx_session;
  const session = token ? state.sessions.get(token) : null;
  const user = session ? state.users.find((u) => u.id === session.user_id) : null;

  if (m === 'GET' && route === '/health') return ok({ status: 'ok', database: 'ok', version: '0.1.0-mock', dialect: 'mock' });
  if (m === 'GET' && route === '/meta') return ok({ version: '0.1.0', years: [2024, 2025, 2026, 2027], current_year: 2026, demo: true });

  if (m === 'POST' && route === '/auth/login') {
    const u = state.users.find((x) => x.username === body?.username);
    const log = (reason) => state.logins.push({ id: ++state.seq.login, at: nowIso(), username: String(body?.username ?? ''), user_id: u?.id ?? null, ip: '127.0.0.1', user_agent: req.headers['user-agent'] || '', result: reason === 'success' ? 'success' : 'failure', detail: reason === 'success' ? '' : reason });
    if (!body?.username || !body?.password) return err(422, 'validation_failed', '请输入用户名和密码', [{ field: body?.username ? 'password' : 'username', message: '不能为空' }]);
    if (u?.locked) { log('account_locked'); return err(423, 'account_locked', `账号已锁定，请 ${state.policy.lockout_minutes} 分钟后再试`); }
    if (!u || u.password !== body.password) {
      if (u && ++u.failed >= state.policy.max_failures) u.locked = true;
      log('bad_password');
      return err(401, 'invalid_credentials', en ? EN.invalid_credentials : '用户名或密码错误');
    }
    if (u.status === 'disabled') { log('account_disabled'); return err(403, 'account_disabled', '账号已停用，请联系系统管理员'); }
    u.failed = 0;
    u.last_login_at = nowIso();
    const t = crypto.randomBytes(16).toString('hex');
    const s = { id: `s-${crypto.randomBytes(4).toString('hex')}`, user_id: u.id, csrf: crypto.randomBytes(12).toString('hex'), ip: '127.0.0.1', user_agent: req.headers['user-agent'] || '', created_at: nowIso(), last_seen_at: nowIso() };
    state.sessions.set(t, s);
    log('success');
    return { ...ok({ user: me(state, u, s), csrf_token: s.csrf }), cookie: `jx_session=${t}; HttpOnly; SameSite=Strict; Path=/` };
  }

  if (!user) return err(401, 'unauthenticated', en ? EN.unauthenticated : '请先登录');
  session.last_seen_at = nowIso();
  if (m !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return err(403, 'csrf_failed', '请求校验失败，请刷新页面后重试');

  if (m === 'POST' && route === '/auth/logout') {
    state.sessions.delete(token);
    return { status: 204, cookie: 'jx_session=; Max-Age=0; Path=/' };
  }
  if (m === 'GET' && route === '/me') return ok(me(state, user, session));
  if (m === 'POST' && route === '/auth/password') {
    if (body?.old_password !== user.password) return err(422, 'validation_failed', '原密码不正确', [{ field: 'old_password', message: '原密码不正确' }]);
    const why = policyError(state, user, String(body?.new_password ?? ''));
    if (why) return err(422, 'validation_failed', why, [{ field: 'new_password', message: why }]);
    user.history.push(user.password);
    user.password = body.new_password;
    user.must_change_password = false;
    user.password_expires_at = daysFromNow(state.policy.expiry_days);
    audit(state, user, req, 'auth.password.change', 'user', user.id, 'success', null, null);
    return { status: 204 };
  }
  if (user.must_change_password) return err(403, 'password_change_required', '请先修改初始密码');

  const perms = new Set(user.roles.flatMap((c) => PERMS[c] ?? []));
  const need = (p) => (perms.has(p) ? null : err(403, 'forbidden', en ? EN.forbidden : '无权执行此操作'));

  if (m === 'GET' && route === '/todo') {
    const mine = user.roles.some((r) => r.startsWith('project_')) ? TODO : [];
    return ok(page(mine, q));
  }
  if (m === 'GET' && route === '/me/sessions') {
    const mine = [...state.sessions.values()].filter((s) => s.user_id === user.id)
      .map((s) => ({ id: s.id, ip: s.ip, user_agent: s.user_agent, created_at: s.created_at, last_seen_at: s.last_seen_at, current: s === session }));
    return ok(page(mine, q));
  }

  // ---- accounts
  let mm;
  if (m === 'GET' && route === '/admin/users') {
    const denied = perms.has('system.user.read') || (state.secadminListsUsers && perms.has('security.role.grant')) ? null : need('system.user.read');
    if (denied) return denied;
    const text = (q.get('q') || '').toLowerCase();
    const st = q.get('status');
    const list = state.users.filter((u) => (!text || u.username.includes(text) || u.display_name.toLowerCase().includes(text)) && (!st || u.status === st));
    return ok(page(list.map(publicUser), q));
  }
  if (m === 'POST' && route === '/admin/users') {
    const d = need('system.user.manage'); if (d) return d;
    const details = [];
    if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(body?.username ?? '')) details.push({ field: 'username', message: '用户名须为 3–32 位小写字母、数字或 _ . -，以字母开头' });
    else if (state.users.some((u) => u.username === body.username)) details.push({ field: 'username', message: '用户名已存在' });
    if (!String(body?.display_name ?? '').trim()) details.push({ field: 'display_name', message: '请输入姓名' });
    if (body?.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) details.push({ field: 'email', message: '电子邮箱格式不正确' });
    if (details.length) return err(422, 'validation_failed', details[0].message, details);
    const initial = newPassword();
    state.users.push({ id: ++state.seq.user, username: body.username, display_name: body.display_name.trim(), org_id: body.org_id ?? null, phone: body.phone ?? '', email: body.email ?? '', status: 'active', locked: false, failed: 0, must_change_password: true, roles: [], password: initial, history: [], last_login_at: null, created_at: nowIso(), version: 1, password_expires_at: daysFromNow(90) });
    const created = state.users[state.users.length - 1];
    audit(state, user, req, 'user.create', 'user', created.id, 'success', null, { username: created.username, display_name: created.display_name });
    return ok({ user: publicUser(created), initial_password: initial }, 201);
  }
  if ((mm = /^\/admin\/users\/(\d+)(?:\/([a-z-]+))?$/.exec(route))) {
    const target = state.users.find((u) => u.id === Number(mm[1]));
    const action = mm[2];
    if (action === 'roles' && m === 'PUT') {
      const d = need('security.role.grant'); if (d) return d;
      if (!target) return err(404, 'not_found', '用户不存在');
      const codes = Array.isArray(body?.role_codes) ? body.role_codes : [];
      const roles = codes.map((c) => ROLES.find((r) => r.code === c));
      if (roles.some((r) => !r)) return err(422, 'validation_failed', '角色不存在', [{ field: 'role_codes', message: '角色不存在' }]);
      const admin = roles.filter((r) => r.admin_kind);
      if (admin.length > 1 || (admin.length === 1 && roles.length > 1)) {
        audit(state, user, req, 'user.roles.set', 'user', target.id, 'failure', { roles: target.roles }, { roles: codes });
        return err(422, 'validation_failed', '三员分立：系统管理员、安全管理员、审计管理员不能兼任，也不能与业务角色同时授予', [{ field: 'role_codes', message: '管理员角色不能组合' }]);
      }
      const before = target.roles;
      target.roles = codes;
      target.version++;
      audit(state, user, req, 'user.roles.set', 'user', target.id, 'success', { roles: before }, { roles: codes });
      return { status: 204 };
    }
    const d = need('system.user.manage'); if (d) return d;
    if (!target) return err(404, 'not_found', '用户不存在');
    if (!action && m === 'PUT') {
      if (body?.version !== target.version) return err(409, 'version_conflict', '数据已被他人修改，请刷新后重试');
      if (!String(body?.display_name ?? '').trim()) return err(422, 'validation_failed', '请输入姓名', [{ field: 'display_name', message: '请输入姓名' }]);
      const before = { display_name: target.display_name, phone: target.phone, email: target.email };
      Object.assign(target, { display_name: body.display_name, phone: body.phone ?? '', email: body.email ?? '', org_id: body.org_id ?? null });
      target.version++;
      audit(state, user, req, 'user.update', 'user', target.id, 'success', before, { display_name: target.display_name, phone: target.phone, email: target.email });
      return ok(publicUser(target));
    }
    if (m === 'POST' && action === 'reset-password') {
      const initial = newPassword();
      target.password = initial;
      target.must_change_password = true;
      for (const [t, s] of state.sessions) if (s.user_id === target.id) state.sessions.delete(t);
      audit(state, user, req, 'user.reset_password', 'user', target.id, 'success', null, { must_change_password: true });
      return ok({ initial_password: initial });
    }
    if (m === 'POST' && action === 'unlock') { target.locked = false; target.failed = 0; audit(state, user, req, 'user.unlock', 'user', target.id, 'success', { locked: true }, { locked: false }); return { status: 204 }; }
    if (m === 'POST' && (action === 'disable' || action === 'enable')) {
      const before = target.status;
      target.status = action === 'disable' ? 'disabled' : 'active';
      if (action === 'disable') for (const [t, s] of state.sessions) if (s.user_id === target.id) state.sessions.delete(t);
      target.version++;
      audit(state, user, req, `user.${action}`, 'user', target.id, 'success', { status: before }, { status: target.status });
      return { status: 204 };
    }
  }

  // ---- roles, sessions, policy
  if (m === 'GET' && route === '/admin/roles') { const d = need('security.role.read'); return d ?? ok({ items: ROLES, total: ROLES.length }); }
  if (m === 'GET' && route === '/admin/permissions') { const d = need('security.role.read'); return d ?? ok({ items: PERMISSION_NAMES, total: PERMISSION_NAMES.length }); }
  if (m === 'GET' && route === '/admin/sessions') {
    const d = need('security.session.manage'); if (d) return d;
    const rows = [...state.sessions.values()].map((s) => ({ id: s.id, user_id: s.user_id, username: state.users.find((u) => u.id === s.user_id)?.username, ip: s.ip, user_agent: s.user_agent, created_at: s.created_at, last_seen_at: s.last_seen_at }));
    return ok(page(rows.sort((a, b) => b.last_seen_at.localeCompare(a.last_seen_at)), q));
  }
  if (m === 'DELETE' && (mm = /^\/admin\/sessions\/([^/]+)$/.exec(route))) {
    const d = need('security.session.manage'); if (d) return d;
    const entry = [...state.sessions].find(([, s]) => s.id === decodeURIComponent(mm[1]));
    if (!entry) return err(404, 'not_found', '会话不存在或已结束');
    state.sessions.delete(entry[0]);
    audit(state, user, req, 'session.end', 'session', entry[1].id, 'success', { user_id: entry[1].user_id }, null);
    return { status: 204 };
  }
  if (route === '/admin/security-policy') {
    const d = need('security.policy.manage'); if (d) return d;
    if (m === 'GET') return ok(state.policy);
    if (m === 'PUT') {
      if (body?.version !== state.policy.version) return err(409, 'version_conflict', '安全策略已被他人修改，请重新加载');
      const floors = [
        ['min_length', (v) => v >= 8, '密码最小长度不能少于 8'],
        ['min_classes', (v) => v >= 3 && v <= 4, '字符类别须为 3 或 4'],
        ['history', (v) => v >= 5, '不能少于 5 次'],
        ['expiry_days', (v) => v >= 1 && v <= 90, '须在 1–90 天之间'],
        ['max_failures', (v) => v >= 1 && v <= 5, '不能超过 5 次'],
        ['lockout_minutes', (v) => v >= 15, '不能少于 15 分钟'],
        ['idle_timeout_minutes', (v) => v >= 1 && v <= 30, '不能超过 30 分钟'],
        ['absolute_timeout_hours', (v) => v >= 1 && v <= 12, '不能超过 12 小时'],
      ];
      const details = floors.filter(([k, f]) => !(Number.isInteger(body?.[k]) && f(body[k]))).map(([field, , message]) => ({ field, message }));
      if (details.length) return err(422, 'validation_failed', '安全策略不能弱于等级保护下限', details);
      const before = { ...state.policy };
      for (const [k] of floors) state.policy[k] = body[k];
      state.policy.version++;
      audit(state, user, req, 'security_policy.update', 'security_policy', 1, 'success', before, { ...state.policy });
      return ok(state.policy);
    }
  }

  // ---- audit
  const filterAudit = () => state.audit.filter((r) => inRange(r.at, q) && (!q.get('actor') || r.actor_name === q.get('actor')) && (!q.get('action') || r.action === q.get('action')) && (!q.get('object_type') || r.object_type === q.get('object_type')) && (!q.get('result') || r.result === q.get('result'))).slice().reverse();
  const filterLogins = () => state.logins.filter((r) => inRange(r.at, q) && (!q.get('username') || r.username === q.get('username')) && (!q.get('result') || r.result === q.get('result'))).slice().reverse();
  if (m === 'GET' && route === '/audit/logs') { const d = need('audit.log.read'); return d ?? ok(page(filterAudit(), q)); }
  if (m === 'GET' && route === '/audit/login-logs') {
    const d = perms.has('security.loginlog.read') ? null : need('audit.log.read');
    return d ?? ok(page(filterLogins(), q));
  }
  if (m === 'GET' && (route === '/audit/logs/export' || route === '/audit/login-logs/export')) {
    const d = need('audit.log.export'); if (d) return d;
    const format = q.get('format');
    if (format !== 'csv' && format !== 'xlsx') return err(422, 'validation_failed', 'format 须为 csv 或 xlsx', [{ field: 'format', message: '须为 csv 或 xlsx' }]);
    const rows = route === '/audit/logs/export' ? filterAudit() : filterLogins();
    const cols = rows.length ? Object.keys(rows[0]) : ['id'];
    const csv = '\ufeff' + [cols.join(','), ...rows.map((r) => cols.map((c) => JSON.stringify(typeof r[c] === 'object' ? JSON.stringify(r[c]) : r[c] ?? '')).join(','))].join('\r\n');
    const name = route === '/audit/logs/export' ? `审计日志.${format}` : `登录日志.${format}`;
    // The mock's "xlsx" is the CSV bytes behind a zip signature: enough for a download check.
    const bytes = format === 'csv' ? Buffer.from(csv) : Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(csv)]);
    return { status: 200, raw: bytes, type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(name)}` };
  }
  return err(404, 'not_found', '接口不存在');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json' };

function serveStatic(res, pathname) {
  const file = path.join(DIST, path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
  const inDist = file.startsWith(DIST + path.sep);
  if (inDist && fs.existsSync(file) && fs.statSync(file).isFile()) {
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': pathname.startsWith('/assets/') ? 'max-age=31536000, immutable' : 'no-cache' });
    fs.createReadStream(file).pipe(res);
    return;
  }
  if (pathname.startsWith('/assets/')) { res.writeHead(404).end(); return; }
  const index = path.join(DIST, 'index.html');
  if (!fs.existsSync(index)) { res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('web/dist is missing: run npm run build in web/'); return; }
  // The headers DESIGN.md asks of the real server, so that the UI is known to run under them.
  res.writeHead(200, {
    'Content-Type': TYPES['.html'],
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    'X-Content-Type-Options': 'nosniff',
  });
  fs.createReadStream(index).pipe(res);
}

/** Starts the mock on 127.0.0.1 (port 0 = any free one). Resolves to { url, state, close }. */
export function startMockServer({ port = 0, ...stateOptions } = {}) {
  const state = createState(stateOptions);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(API + '/')) { serveStatic(res, url.pathname); return; }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined; } catch { body = null; }
      req.requestId = crypto.randomBytes(6).toString('hex');
      let out;
      if (body === null) out = err(400, 'bad_request', '请求体不是合法的 JSON');
      else {
        try { out = handleApi(state, req, url, body); } catch (e) { out = err(500, 'internal', `服务器内部错误（请求编号 ${req.requestId}）`); console.error(e); }
      }
      const headers = { 'X-Request-Id': req.requestId, 'Cache-Control': 'no-store' };
      if (out.cookie) headers['Set-Cookie'] = out.cookie;
      if (out.raw) {
        res.writeHead(out.status, { ...headers, 'Content-Type': out.type, 'Content-Disposition': out.disposition }).end(out.raw);
      } else if (out.body === undefined) {
        res.writeHead(out.status, headers).end();
      } else {
        res.writeHead(out.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(out.body));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, state, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 4174;
  const { url } = await startMockServer({ port, secadminListsUsers: process.env.JX_MOCK_SECADMIN_USERS !== '0' });
  console.log(`mock jixiao at ${url} (accounts: sysadmin, secadmin, auditadmin, zhangsan, newbie; password ${DEMO_PASSWORD})`);
}
