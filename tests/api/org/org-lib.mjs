// Helpers for the org API tests: demo account names, a USCC generator (GB 32100 + GB 11714),
// and look-ups by name through the API.
import { signedIn } from '../lib/harness.mjs';

// Every demo account and the role it holds (the platform's admins plus the org slice's users).
export const DEMO_USERS = {
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditadmin: 'auditadmin',
  fin_perf: 'zhangwei',
  dept_admin: 'lina',
  fin_business: 'wangfang',
  fin_review: 'zhaolei',
  unit_clerk: 'liuyang',
  township_finance: 'chenjing',
  third_party: 'sunli',
  expert: 'zhoumin',
  oversight: 'wuhao',
};

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const W8 = [3, 7, 9, 10, 5, 8, 4, 2];

function bodyCheck(body8) {
  const v = (ch) => (/[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  let s = 0;
  for (let i = 0; i < 8; i++) s += v(body8[i]) * W8[i];
  const c = 11 - (s % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function usccCheck(first17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += ALPHABET.indexOf(first17[i]) * W[i];
  return ALPHABET[(31 - (s % 31)) % 31];
}

let usccSeq = Math.floor(Math.random() * 400000);
// A fresh valid code (事业单位 of 冠县 by default).
export function newUscc(kind2 = '12') {
  usccSeq += 1;
  const body8 = `MC${String(usccSeq % 1000000).padStart(6, '0')}`;
  const first17 = `${kind2}371525${body8}${bodyCheck(body8)}`;
  return first17 + usccCheck(first17);
}

// The same code with a wrong check character (position 18).
export function badCheckDigit(code) {
  const i = ALPHABET.indexOf(code[17]);
  return code.slice(0, 17) + ALPHABET[(i + 1) % 31];
}

// Signs in every demo account: {role: client}.
export async function signInAll(server) {
  const out = {};
  for (const [role, user] of Object.entries(DEMO_USERS)) out[role] = await signedIn(server, user);
  return out;
}

// All organizations as the system administrator sees them.
export async function allOrgs(sys) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await sys.get(`/org/units?page=${page}&page_size=200`);
    if (r.status !== 200) throw new Error(`list: ${r.status} ${r.text}`);
    items.push(...r.body.items);
    if (items.length >= r.body.total || r.body.items.length === 0) return items;
  }
}

export function byName(orgs, name) {
  const o = orgs.find((x) => x.name === name);
  if (!o) throw new Error(`no organization named ${name}`);
  return o;
}
