// Background jobs (fixture job): progress, cancel, failure, ownership, and a job running when
// the server dies is `failed` after the restart, never `running`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, until, sleep } from '../lib/harness.mjs';

let server;
let sys;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
});
after(async () => { await server?.close(); });

async function startJob(spec, who = sys) {
  const r = await who.post('/_test/jobs', spec);
  assert.equal(r.status, 202, r.text);
  assert.ok(r.body.job_id !== undefined);
  return r.body.job_id;
}
async function job(id, who = sys) {
  const r = await who.get(`/jobs/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const DONE = ['succeeded', 'failed', 'cancelled'];

test('a job reports progress while it runs and succeeds with all steps done', async () => {
  const id = await startJob({ steps: 20, step_ms: 100 });
  const seen = [];
  const final = await until(async () => {
    const j = await job(id);
    seen.push(j);
    return DONE.includes(j.state) ? j : null;
  }, { timeoutMs: 30_000, intervalMs: 40, what: 'the job to finish' });
  assert.ok(seen.every((j) => ['queued', 'running', ...DONE].includes(j.state)), 'states from the contract');
  const midway = seen.filter((j) => j.state === 'running' && j.progress > 0 && j.progress < j.total);
  assert.ok(midway.length >= 2, `progress observed while running: ${seen.map((j) => `${j.state}:${j.progress}`).join(' ')}`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].progress >= seen[i - 1].progress, 'progress never goes back');
  assert.equal(final.state, 'succeeded');
  assert.equal(final.total, 20);
  assert.equal(final.progress, 20);
  assert.equal(final.id, id);
  assert.ok(final.kind);
  assert.ok(final.created_at && final.started_at && final.finished_at);
  assert.ok(final.finished_at >= final.started_at);
  assert.ok(!final.error);
});

test('a running job can be cancelled', async () => {
  const id = await startJob({ steps: 400, step_ms: 50 });
  await until(async () => (await job(id)).state === 'running', { what: 'running' });
  const c = await sys.post(`/jobs/${id}/cancel`);
  assert.equal(c.status, 202, c.text);
  const final = await until(async () => {
    const j = await job(id);
    return DONE.includes(j.state) ? j : null;
  }, { timeoutMs: 10_000, what: 'the cancel to take effect' });
  assert.equal(final.state, 'cancelled');
  assert.ok(final.progress < final.total);
  assert.ok(final.finished_at);
  await sleep(300);
  assert.equal((await job(id)).progress, final.progress, 'no progress after cancelling');
});

test('a failing job is recorded as failed with its error', async () => {
  const id = await startJob({ steps: 10, step_ms: 20, fail_at: 3 });
  const final = await until(async () => {
    const j = await job(id);
    return DONE.includes(j.state) ? j : null;
  }, { timeoutMs: 10_000, what: 'the job to fail' });
  assert.equal(final.state, 'failed');
  assert.ok(final.error && String(final.error).length > 0, 'an error message');
  assert.ok(final.progress <= 3, `stopped at the failing step: ${final.progress}`);
  assert.ok(final.finished_at);
});

test('jobs are visible only to their owner; unknown ids are 404', async () => {
  const id = await startJob({ steps: 2, step_ms: 10 });
  const other = await signedIn(server, 'auditadmin');
  assert.equal((await other.get(`/jobs/${id}`)).status, 404);
  assert.equal((await other.post(`/jobs/${id}/cancel`)).status, 404);
  assert.equal((await sys.get('/jobs/987654321')).status, 404);
  assert.equal((await sys.post('/jobs/987654321/cancel')).status, 404);
});

test('a job running when the server is killed is failed after the restart, never running', async () => {
  const id = await startJob({ steps: 600, step_ms: 100 });
  await until(async () => {
    const j = await job(id);
    return j.state === 'running' && j.progress > 0;
  }, { what: 'the job to make progress' });
  await server.kill9();
  await server.start();
  const c = await signedIn(server, 'sysadmin');
  const j = await job(id, c);
  assert.equal(j.state, 'failed', `after restart: ${j.state}`);
  await sleep(500);
  const later = await job(id, c);
  assert.equal(later.state, 'failed');
  assert.equal(later.progress, j.progress, 'nothing runs it on');
});
