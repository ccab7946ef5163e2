import { describe, expect, it, vi } from 'vitest'

const message = vi.fn()
vi.mock('element-plus', async (orig) => ({ ...(await orig<typeof import('element-plus')>()), ElMessage: message }))

const { useFieldErrors } = await import('../forms')
const { ApiError } = await import('../api')
const { passwordChecks } = await import('../password')
const { prettyJson } = await import('../json')

describe('field errors', () => {
  it('puts server field errors under the fields and only unplaced ones on top', () => {
    const fe = useFieldErrors(['old_password', 'new_password'] as const)
    const placed = fe.apply(new ApiError(422, 'validation_failed', '输入有误', [{ field: 'new_password', message: '至少包含 3 类字符' }]))
    expect(placed).toBe(true)
    expect(fe.errors.new_password).toBe('至少包含 3 类字符')
    expect(fe.errors.old_password).toBe('')
    expect(message).not.toHaveBeenCalled()

    fe.apply(new ApiError(423, 'account_locked', '账号已锁定'))
    expect(fe.errors.new_password).toBe('')
    expect(message).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '账号已锁定' }))
  })
})

describe('password checklist', () => {
  it('checks length, classes and the user name', () => {
    expect(passwordChecks('abc', 'zhang')).toMatchObject({ length: false, classes: false, noUsername: true })
    expect(passwordChecks('Abcdefg1', 'zhang')).toMatchObject({ length: true, classes: true, classCount: 3 })
    expect(passwordChecks('Zhang#2026', 'zhang').noUsername).toBe(false)
  })
})

describe('audit JSON', () => {
  it('pretty-prints objects and JSON strings, and treats null as nothing', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}')
    expect(prettyJson('{"b":"中文"}')).toBe('{\n  "b": "中文"\n}')
    expect(prettyJson(null)).toBeNull()
    expect(prettyJson('null')).toBeNull()
    expect(prettyJson('not json')).toBe('not json')
  })
})
