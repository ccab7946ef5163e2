import type { Page } from '@/platform/api'
import { indicatorsApi, type Indicator } from './api'

// 已通过: the adopted proposals are the year's active rows that came from a proposal
// (origin=proposal), newest first.
export async function approvedProposals(f: { year: number; q?: string }, page: number, pageSize: number): Promise<Page<Indicator>> {
  return indicatorsApi.list({ year: f.year, q: f.q, status: 'active', origin: 'proposal', sort: 'updated' }, page, pageSize)
}
