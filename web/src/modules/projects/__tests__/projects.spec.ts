import { describe, expect, it, vi } from 'vitest'

const message = vi.fn()
vi.mock('element-plus', async (orig) => ({ ...(await orig<typeof import('element-plus')>()), ElMessage: message }))

const zh = (await import('@/platform/i18n/zh-CN')).default
const en = (await import('@/platform/i18n/en')).default
const { ApiError } = await import('@/platform/api')
const { useFieldErrors } = await import('@/platform/forms')
const { moneyInput, parseMoney, formatWan } = await import('@/platform/format')
const m = await import('../model')
const { projectRoutes } = await import('../routes')
const { todoLink } = await import('@/modules/home/todoLinks')

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages)
}

/** Every key path of a message tree. */
function keys(o: unknown, prefix = ''): string[] {
  if (!o || typeof o !== 'object') return [prefix]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('labels', () => {
  it('names every state and conclusion in Chinese as the bureau does, with an English one', () => {
    for (const s of m.PROJECT_STATES) {
      expect(lookup(zh, m.stateLabelKey(s))).toMatch(/[\u4e00-\u9fff]/)
      expect(typeof lookup(en, m.stateLabelKey(s))).toBe('string')
    }
    expect(lookup(zh, m.stateLabelKey('in_library'))).toBe('已入库')
    expect(lookup(zh, m.stateLabelKey('returned'))).toBe('退回调整')
    expect(lookup(zh, m.stateLabelKey('teleported'))).toBe('未知')
    expect(lookup(zh, m.conclusionLabelKey('adjust'))).toBe('建议调整完善后予以支持')
    expect(lookup(zh, m.conclusionLabelKey('support'))).toBe('予以支持')
    expect(lookup(zh, m.conclusionLabelKey('reject'))).toBe('不予支持')
    expect(m.conclusionLabelKey('maybe')).toBe('projects.conclusion.none')
  })

  it('has the same keys in Chinese and English', () => {
    expect(keys(en.projects).sort()).toEqual(keys(zh.projects).sort())
  })

  it('colours states: green in the library, orange when returned, red when rejected', () => {
    expect(m.stateTagType('in_library')).toBe('success')
    expect(m.stateTagType('budgeted')).toBe('success')
    expect(m.stateTagType('returned')).toBe('warning')
    expect(m.stateTagType('rejected')).toBe('danger')
    expect(m.stateTagType('submitted')).toBe('primary')
    expect(m.stateTagType(undefined)).toBe('info')
    expect(m.conclusionTagType('adjust')).toBe('warning')
  })
})

describe('what a state allows', () => {
  it('lets the unit edit and submit a draft or a returned project, withdraw a submitted one', () => {
    expect(m.unitActions({ state: 'draft', code: null })).toMatchObject({ edit: true, submit: true, withdraw: false, remove: true })
    // a draft that was once submitted keeps its code and cannot be deleted
    expect(m.unitActions({ state: 'draft', code: '371525-2027-00001' }).remove).toBe(false)
    expect(m.unitActions({ state: 'returned', code: 'x' })).toMatchObject({ edit: true, submit: true, remove: false })
    expect(m.unitActions({ state: 'submitted', code: 'x' })).toMatchObject({ edit: false, submit: false, withdraw: true })
    expect(m.unitActions({ state: 'reviewing', code: 'x' })).toMatchObject({ edit: false, submit: false, withdraw: false })
    expect(m.unitActions({ state: 'budgeted', code: 'x' }).start).toBe(true)
    expect(m.unitActions({ state: 'executing', code: 'x' }).complete).toBe(true)
  })

  it('lets the bureau budget and exit only library projects', () => {
    for (const s of ['in_library', 'budgeted', 'executing'] as const) expect(m.bureauActions({ state: s })).toEqual({ budget: true, exit: true })
    for (const s of ['draft', 'submitted', 'reviewing', 'returned', 'rejected', 'completed', 'exited'] as const)
      expect(m.bureauActions({ state: s })).toEqual({ budget: false, exit: false })
  })
})

describe('helpers', () => {
  it('lists the years of a period, nothing for a wrong one', () => {
    expect(m.yearsOf(2027, 2029)).toEqual([2027, 2028, 2029])
    expect(m.yearsOf(2027, 2027)).toEqual([2027])
    expect(m.yearsOf(2028, 2027)).toEqual([])
    expect(m.yearsOf(null, 2027)).toEqual([])
  })

  it('sums fen exactly, skipping gaps', () => {
    expect(m.sumFen([300000000, null, 200000000, undefined])).toBe(500000000)
    expect(m.sumFen([])).toBe(0)
  })

  it('finds why a project came back, the latest case', () => {
    const history = [
      { from_state: '', to_state: 'draft', action: 'create', actor_name: 'a', comment: '', at: '' },
      { from_state: 'reviewing', to_state: 'returned', action: 'return', actor_name: 'b', comment: '第一次：补充测算依据', at: '' },
      { from_state: 'returned', to_state: 'submitted', action: 'submit', actor_name: 'a', comment: '', at: '' },
      { from_state: 'reviewing', to_state: 'returned', action: 'return', actor_name: 'b', comment: '第二次：分期实施', at: '' },
    ]
    expect(m.lastReturnReason(history)).toBe('第二次：分期实施')
    expect(m.lastReturnReason(history.slice(0, 1))).toBeNull()
    expect(m.lastReturnReason(undefined)).toBeNull()
    const c = (id: number) => ({ id }) as never
    expect(m.latestCase({ cases: [c(3), c(7), c(5)] })?.id).toBe(7)
    expect(m.latestCase({ cases: [] })).toBeNull()
  })
})

describe('money typed in 万元', () => {
  it('becomes fen exactly, without float drift', () => {
    expect(parseMoney('350')).toBe(350_000_000)
    expect(parseMoney('123.45')).toBe(123_450_000)
    expect(parseMoney('0.000001')).toBe(1) // one fen
    expect(parseMoney('1,234.5')).toBe(1_234_500_000)
    expect(parseMoney(' 0.1 ')).toBe(100_000)
    expect(parseMoney('0')).toBe(0)
    expect(parseMoney('12.34', 'yuan')).toBe(1234)
  })

  it('refuses what is not an amount', () => {
    for (const bad of ['', '-1', 'abc', '1.2.3', '0.0000001', '1e5', null, undefined]) expect(parseMoney(bad as string)).toBeNull()
    expect(parseMoney('1.234', 'yuan')).toBeNull()
    expect(parseMoney('999999999999')).toBeNull() // beyond 2^53 fen
  })

  it('round-trips for the inputs', () => {
    expect(moneyInput(350_000_000)).toBe('350')
    expect(moneyInput(123_450_000)).toBe('123.45')
    expect(moneyInput(1)).toBe('0.000001')
    expect(moneyInput(null)).toBe('')
    for (const fen of [0, 1, 99, 100_000, 123_456_789, 4_000_000_000]) expect(parseMoney(moneyInput(fen))).toBe(fen)
    expect(formatWan(parseMoney('440'))).toBe('440.00')
  })
})

describe('server errors of table rows', () => {
  it('lands under the row and column they name, and nothing else is toasted', () => {
    message.mockClear()
    const fe = useFieldErrors(['name', 'amounts'] as const, {}, (f) => f.startsWith('amounts.'))
    const placed = fe.apply(
      new ApiError(422, 'validation_failed', '输入有误', [
        { field: 'amounts.1.source', message: '资金来源不正确' },
        { field: 'name', message: '项目名称为2到100个字' },
      ]),
    )
    expect(placed).toBe(true)
    expect(fe.errors['amounts.1.source']).toBe('资金来源不正确')
    expect(fe.errors.name).toBe('项目名称为2到100个字')
    expect(message).not.toHaveBeenCalled()
    fe.clear()
    expect(fe.errors['amounts.1.source']).toBe('')
    // a field the form does not have still reaches the user
    fe.apply(new ApiError(422, 'validation_failed', '请上传申报材料', [{ field: 'attachments', message: '请上传申报材料' }]))
    expect(message).toHaveBeenCalledWith(expect.objectContaining({ type: 'error' }))
  })
})

describe('routes', () => {
  it('matches the menu paths registered by the server, with their permissions', () => {
    const byPath = Object.fromEntries(projectRoutes.map((r) => [r.path, r.meta?.permission]))
    expect(byPath['projects/mine']).toBe('projects.apply')
    expect(byPath['projects/library']).toBe('projects.read')
    expect(byPath['projects/:id(\\d+)']).toBe('projects.read')
    expect(byPath['projects/new']).toBe('projects.apply')
    for (const r of projectRoutes) expect(lookup(zh, String(r.meta?.title))).toMatch(/[\u4e00-\u9fff]/)
  })

  it('links a project to-do to the project page', () => {
    expect(todoLink({ doc_type: 'project', doc_id: 42 })).toBe('/projects/42')
  })
})
