import { describe, expect, it } from 'vitest'
import { normalizePermissions, rangeToFilters, shanghaiDayEndUtc, shanghaiDayStartUtc, type Role } from '../api'
import { violatesSeparation } from '../roles'
import { USERNAME_PATTERN } from '../validation'

describe('audit filters', () => {
  it('turns Shanghai dates into UTC bounds covering both whole days', () => {
    expect(shanghaiDayStartUtc('2026-11-27')).toBe('2026-11-26T16:00:00.000Z')
    expect(shanghaiDayEndUtc('2026-11-27')).toBe('2026-11-27T15:59:59.999Z')
    expect(rangeToFilters(['2026-01-01', '2026-01-31'])).toEqual({ from: '2025-12-31T16:00:00.000Z', to: '2026-01-31T15:59:59.999Z' })
    expect(rangeToFilters(null)).toEqual({})
  })
})

describe('roles', () => {
  const role = (code: string, admin_kind: Role['admin_kind']): Role => ({ id: 0, code, name: code, builtin: true, admin_kind, permissions: [], description: '' })
  const roles = [role('sysadmin', 'system'), role('secadmin', 'security'), role('auditadmin', 'audit'), role('clerk', null), role('reviewer', null)]

  it('flags two administrator roles, or one with a business role (三员分立)', () => {
    expect(violatesSeparation(['sysadmin', 'auditadmin'], roles)).toBe(true)
    expect(violatesSeparation(['secadmin', 'clerk'], roles)).toBe(true)
    expect(violatesSeparation(['auditadmin'], roles)).toBe(false)
    expect(violatesSeparation(['clerk', 'reviewer'], roles)).toBe(false)
    expect(violatesSeparation([], roles)).toBe(false)
  })

  it('reads the permission list in any of its likely shapes', () => {
    const list = [{ code: 'audit.log.read', name: '查看审计日志', module: 'audit' }]
    expect(normalizePermissions(list)).toEqual(list)
    expect(normalizePermissions({ items: list, total: 1 })).toEqual(list)
    expect(normalizePermissions({ 'audit.log.read': '查看审计日志' })).toEqual([{ code: 'audit.log.read', name: '查看审计日志' }])
  })
})

describe('username rule', () => {
  it('is 3–32 of [a-z0-9_.-] starting with a letter', () => {
    for (const ok of ['abc', 'zhang.san', 'a_1-2', 'a'.repeat(32)]) expect(USERNAME_PATTERN.test(ok)).toBe(true)
    for (const bad of ['ab', '1abc', 'Abc', 'zhang san', '张三', 'a'.repeat(33)]) expect(USERNAME_PATTERN.test(bad)).toBe(false)
  })
})
