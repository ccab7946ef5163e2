import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '@/platform/__tests__/fixtures'
import { ensureOrgNames, forgetOrg, orgDisplay, orgName, rememberOrgs } from '../composables'

describe('organization names for ids in lists', () => {
  let fetchMock: ReturnType<typeof vi.fn>

  beforeEach(() => {
    fetchMock = vi.fn(async (url: string) => {
      const id = Number(url.split('/').pop())
      if (id === 7) return jsonResponse(200, { id: 7, name: '冠县教育和体育局' })
      if (id === 8) return jsonResponse(404, { error: { code: 'not_found', message: '单位不存在或无权访问' } })
      return jsonResponse(500, { error: { code: 'internal', message: 'boom' } })
    })
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    for (const id of [5, 7, 8, 9]) forgetOrg(id)
  })

  it('fetches each unknown id once and says which are out of scope', async () => {
    await Promise.all([ensureOrgNames([7, 8, null, 7]), ensureOrgNames([7])])
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/org/units/7')
    expect(orgName(7)).toBe('冠县教育和体育局')
    expect(orgDisplay(7, '（不在数据范围内）')).toBe('冠县教育和体育局')
    expect(orgName(8)).toBeNull()
    expect(orgDisplay(8, '（不在数据范围内）')).toBe('（不在数据范围内）')
    await ensureOrgNames([7, 8])
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('shows #id while unknown, and retries after a server fault', async () => {
    expect(orgDisplay(9, 'x')).toBe('#9')
    await ensureOrgNames([9])
    expect(orgDisplay(9, 'x')).toBe('#9')
    await ensureOrgNames([9])
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(orgDisplay(undefined, 'x')).toBe('')
  })

  it('takes names from lists without asking', async () => {
    rememberOrgs([{ id: 5, name: '冠县财政局' }])
    await ensureOrgNames([5])
    expect(fetchMock).not.toHaveBeenCalled()
    expect(orgName(5)).toBe('冠县财政局')
  })
})
