// Workflow on the fixture document: submit → return (needs a comment) → resubmit → approve,
// history rows, role checks, invalid transitions, and the reviewer's to-do inbox (/todo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, createUser } from '../lib/harness.mjs';

let server;
let clerk;
let reviewer;
let sys;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
  const sec = await signedIn(server, 'secadmin');
  clerk = await createUser(server, { sys, sec, roles: ['fixture_clerk'], displayName: '经办人' });
  reviewer = await createUser(server, { sys, sec, roles: ['fixture_reviewer'], displayName: '审核人' });
});
after(async () => { await server?.close(); });

async function newDoc(title) {
  const r = await clerk.client.post('/_test/fixture-docs', { title });
  assert.ok(r.status === 200 || r.status === 201, `create: ${r.status} ${r.text}`);
  assert.ok(r.body.id !== undefined, `the created document has an id: ${r.text}`);
  return r.body.id;
}
async function doc(id, who = clerk) {
  const r = await who.client.get(`/_test/fixture-docs/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
function act(who, id, action, comment) {
  const body = comment === undefined ? { action } : { action, comment };
  return who.client.post(`/_test/fixture-docs/${id}/transition`, body);
}
async function todoOf(who, id) {
  const r = await who.client.get('/todo');
  assert.equal(r.status, 200, r.text);
  assert.ok(Number.isInteger(r.body.total));
  const item = r.body.items.find((x) => String(x.doc_id) === String(id));
  // actions may be codes or {code, label} objects; compare by code.
  if (item) item.actions = item.actions.map((a) => (typeof a === 'string' ? a : a.code));
  return item;
}

test('submit, return with a reason, resubmit, approve: states, history and to-do', async () => {
  const title = '测试文档：2026年项目绩效目标';
  const id = await newDoc(title);
  const d0 = await doc(id);
  assert.equal(d0.state, 'draft');
  assert.ok(Array.isArray(d0.history));
  const h0 = d0.history.length; // a server may or may not record the creation as a row
  assert.equal(await todoOf(reviewer, id), undefined, 'a draft is not in the reviewer\'s to-do');

  const s1 = await act(clerk, id, 'submit');
  assert.equal(s1.status, 200, s1.text);
  const submitted = (await doc(id)).state;
  assert.notEqual(submitted, 'draft');
  const t1 = await todoOf(reviewer, id);
  assert.ok(t1, 'submitted: in the reviewer\'s to-do');
  assert.equal(t1.title, title);
  assert.equal(t1.state, submitted);
  assert.ok(t1.doc_type && t1.state_label && t1.updated_at);
  assert.ok(/[\u4e00-\u9fff]/.test(t1.state_label), 'state_label is Chinese');
  assert.ok(t1.actions.includes('approve') && t1.actions.includes('return'), JSON.stringify(t1.actions));
  assert.equal(await todoOf(clerk, id), undefined, 'not in the clerk\'s to-do while under review');

  for (const comment of [undefined, '', '   ']) {
    const r = await act(reviewer, id, 'return', comment);
    assert.equal(r.status, 422, `return with comment ${JSON.stringify(comment)}: ${r.status}`);
    assert.equal(r.body.error.code, 'validation_failed');
    assert.ok(r.body.error.details.some((x) => x.field === 'comment'));
  }
  assert.equal((await doc(id)).state, submitted, 'a refused return changes nothing');
  assert.equal((await doc(id)).history.length, h0 + 1, 'one row for the submit, none for the refusals');

  const reason = '请补充产出指标的目标值';
  const ret = await act(reviewer, id, 'return', reason);
  assert.equal(ret.status, 200, ret.text);
  const returned = (await doc(id)).state;
  assert.notEqual(returned, submitted);
  const t2 = await todoOf(clerk, id);
  assert.ok(t2, 'returned: in the clerk\'s to-do');
  assert.ok(t2.actions.includes('resubmit'));
  assert.equal(await todoOf(reviewer, id), undefined);

  assert.equal((await act(clerk, id, 'resubmit')).status, 200);
  assert.ok(await todoOf(reviewer, id), 'resubmitted: back in the reviewer\'s to-do');

  const ok = await act(reviewer, id, 'approve', '同意');
  assert.equal(ok.status, 200, ok.text);
  const final = await doc(id, reviewer);
  assert.ok(![submitted, returned, 'draft'].includes(final.state), `approved state: ${final.state}`);
  assert.equal(await todoOf(reviewer, id), undefined, 'approved: gone from the to-do');
  assert.equal(await todoOf(clerk, id), undefined);

  const h = final.history.slice(h0);
  assert.equal(h.length, 4, `one row per transition: ${JSON.stringify(final.history)}`);
  const text = JSON.stringify(h);
  assert.ok(text.includes(reason), 'the return row keeps the reason');
  for (const row of h) {
    const s = JSON.stringify(row);
    assert.match(s, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, `a timestamp on each row: ${s}`);
  }
  // History rows are in order and name who acted.
  assert.ok(JSON.stringify(h[0]).includes('submit'));
  assert.ok(JSON.stringify(h[1]).includes(reason));
  assert.ok(JSON.stringify(h[3]).includes('approve') || JSON.stringify(h[3]).includes(final.state));
  const people = h.map((row) => JSON.stringify(row));
  assert.ok(people[0].includes(String(clerk.id)) || people[0].includes(clerk.username) || people[0].includes('经办人'));
  assert.ok(people[1].includes(String(reviewer.id)) || people[1].includes(reviewer.username) || people[1].includes('审核人'));
});

test('the wrong role gets 403 and nothing changes', async () => {
  const id = await newDoc('角色测试');
  const h0 = (await doc(id)).history.length;
  const r1 = await act(reviewer, id, 'submit');
  assert.equal(r1.status, 403, `a reviewer submits: ${r1.status}`);
  assert.equal((await doc(id)).state, 'draft');
  assert.equal((await act(clerk, id, 'submit')).status, 200);
  const st = (await doc(id)).state;
  const r2 = await act(clerk, id, 'approve');
  assert.equal(r2.status, 403, `a clerk approves: ${r2.status}`);
  // Someone with neither role nor the document's scope: 403, or 404 when the scope check
  // hides the document (no IDOR).
  const r3 = await sys.post(`/_test/fixture-docs/${id}/transition`, { action: 'approve' });
  assert.ok([403, 404].includes(r3.status), `an administrator without the fixture roles: ${r3.status}`);
  assert.equal((await doc(id)).state, st);
  assert.equal((await doc(id)).history.length, h0 + 1);
});

test('a transition the state does not allow is 409 invalid_transition', async () => {
  const id = await newDoc('状态测试');
  const h0 = (await doc(id)).history.length;
  const a = await act(reviewer, id, 'approve');
  assert.equal(a.status, 409, `approve a draft: ${a.status}`);
  assert.equal(a.body.error.code, 'invalid_transition');
  const b = await act(clerk, id, 'resubmit');
  assert.equal(b.status, 409, `resubmit a draft: ${b.status}`);
  assert.equal((await act(clerk, id, 'submit')).status, 200);
  const c = await act(clerk, id, 'submit');
  assert.equal(c.status, 409, 'submit twice');
  assert.equal(c.body.error.code, 'invalid_transition');
  assert.equal((await act(reviewer, id, 'approve')).status, 200);
  const d = await act(reviewer, id, 'return', '已经通过了');
  assert.equal(d.status, 409, 'return after approval');
  assert.equal((await doc(id)).history.length, h0 + 2, 'refused transitions leave no row');
});

test('an unknown document is 404; an unknown action is refused', async () => {
  assert.equal((await clerk.client.get('/_test/fixture-docs/987654321')).status, 404);
  assert.equal((await act(clerk, 987654321, 'submit')).status, 404);
  const id = await newDoc('动作测试');
  const r = await act(clerk, id, 'explode');
  assert.ok([400, 409, 422].includes(r.status), `unknown action: ${r.status}`);
  assert.equal((await doc(id)).state, 'draft');
});
