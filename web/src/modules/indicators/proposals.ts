import type { Page } from '@/platform/api'
import { indicatorsApi, type Indicator } from './api'

// 已通过: the approved proposals are active library rows that name a proposing organization.
// GET /indicators has no filter for "came from a proposal", so the tab reads the year's active
// rows (200 a request) and keeps those, newest first. A county's library is a few hundred rows;
// MAX_ROWS bounds the reading.
export const MAX_ROWS = 5000
const SIZE = 200

export async function approvedProposals(f: { year: number; q?: string }, page: number, pageSize: number): Promise<Page<Indicator>> {
  const found: Indicator[] = []
  for (let p = 1; (p - 1) * SIZE < MAX_ROWS; p++) {
    const answer = await indicatorsApi.list({ year: f.year, q: f.q, status: 'active', sort: 'code' }, p, SIZE)
    const items = Array.isArray(answer?.items) ? answer.items : []
    for (const i of items) if (i.proposed_by_org_id !== null && i.proposed_by_org_id !== undefined) found.push(i)
    if (items.length < SIZE || p * SIZE >= (Number(answer?.total) || 0)) break
  }
  found.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : b.id - a.id))
  const start = (page - 1) * pageSize
  return { items: found.slice(start, start + pageSize), total: found.length }
}
