import { describe, expect, it } from 'vitest'
import zh from '@/platform/i18n/zh-CN'
import en from '@/platform/i18n/en'
import type { HistoryEntry, Region, TreeOrg } from '../api'
import {
  ORG_KINDS, ORG_STATUSES, SCOPE_KINDS, USCC_ALPHABET, budgetCodeProblem, expertFieldsProblem, flattenRegions, formFieldsFor, highlightParts,
  historyActionKey, historyChanges, kindLabelKey, kindTagType, makeUscc, orgCodeCheckChar, parentAllowed, referencedIds, regionOptions,
  scopeLabelKey, sortHistory, permissionTree, ROLE_CODE_PATTERN, statusLabelKey, statusTagType, toTreeNode, usccCheckChar, usccProblem, ID_TAIL_PATTERN,
} from '../model'

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((m, k) => (m && typeof m === 'object' ? (m as Record<string, unknown>)[k] : undefined), messages)
}

const org = (over: Partial<TreeOrg> = {}): TreeOrg => ({
  id: 12, kind: 'unit', name: '冠县第一中学', short_name: '', code: '105001', uscc: '12371525MB0000019X', region_code: '371525',
  parent_id: 5, department_id: 5, office_role: null, unit_type: '事业单位', sector_code: '205', status: 'active', merged_into_id: null,
  overseen_department_ids: [], qualification: {}, contact: '', phone: '', path: '5/12', version: 1, created_at: '', updated_at: '',
  has_children: false, ...over,
})

describe('kind and status labels', () => {
  it('has a Chinese and an English label for every kind, status and scope', () => {
    for (const k of ORG_KINDS) {
      expect(lookup(zh, kindLabelKey(k))).toMatch(/[\u4e00-\u9fff]/)
      expect(typeof lookup(en, kindLabelKey(k))).toBe('string')
    }
    for (const s of ORG_STATUSES) expect(lookup(zh, statusLabelKey(s))).toMatch(/[\u4e00-\u9fff]/)
    for (const s of SCOPE_KINDS) expect(lookup(zh, scopeLabelKey(s))).toMatch(/[\u4e00-\u9fff]/)
  })

  it('names kinds and statuses as the bureau does', () => {
    const zhOf = (k: string) => lookup(zh, k)
    expect(zhOf(kindLabelKey('finance_bureau'))).toBe('财政局')
    expect(zhOf(kindLabelKey('finance_office'))).toBe('股室')
    expect(zhOf(kindLabelKey('department'))).toBe('预算部门')
    expect(zhOf(kindLabelKey('unit'))).toBe('预算单位')
    expect(zhOf(kindLabelKey('township'))).toBe('乡镇')
    expect(zhOf(kindLabelKey('dev_zone'))).toBe('开发区')
    expect(zhOf(kindLabelKey('third_party'))).toBe('第三方机构')
    expect(zhOf(kindLabelKey('oversight'))).toBe('监督机构')
    expect(zhOf(statusLabelKey('active'))).toBe('正常')
    expect(zhOf(statusLabelKey('inactive'))).toBe('停用')
    expect(zhOf(statusLabelKey('merged'))).toBe('已合并')
    expect(zhOf(scopeLabelKey('overseen'))).toBe('归口单位')
  })

  it('falls back for unknown codes instead of showing a key', () => {
    expect(kindLabelKey('spaceship')).toBe('org.kind.unknown')
    expect(statusLabelKey(undefined)).toBe('org.status.unknown')
    expect(scopeLabelKey('none')).toBe('org.scope.none')
    expect(historyActionKey('teleport')).toBe('org.action.other')
    expect(historyActionKey('merge')).toBe('org.action.merge')
    expect(kindTagType('finance_bureau')).toBe('danger')
    expect(kindTagType('xyz')).toBe('info')
    expect(statusTagType('active')).toBe('success')
    expect(statusTagType('merged')).toBe('warning')
  })
})

describe('统一社会信用代码', () => {
  const vectors = ['91350100M000100Y43', '11371500004000016F', '12371500MB00000192', '113715250041123414', '91371500MA3C00011K']

  it('accepts the DOMAIN.md §9.2 vectors', () => {
    for (const v of vectors) expect(usccProblem(v)).toBeNull()
  })

  it('refuses any single changed character', () => {
    for (const v of vectors)
      for (let i = 0; i < 18; i++) {
        const other = USCC_ALPHABET[(USCC_ALPHABET.indexOf(v[i]) + 1) % USCC_ALPHABET.length]
        const bad = v.slice(0, i) + other + v.slice(i + 1)
        expect(usccProblem(bad), `${bad} (position ${i + 1})`).not.toBeNull()
      }
  })

  it('names the problem in the server order', () => {
    expect(usccProblem('12345')).toBe('length')
    expect(usccProblem('91350100M000100YI3')).toBe('character')
    expect(usccProblem('91350100M000100Y44')).toBe('check')
    expect(usccProblem(' 91350100m000100y43 ')).toBeNull() // trimmed and upper-cased like the server
  })

  it('builds valid codes', () => {
    expect(orgCodeCheckChar('00400001')).toBe('6')
    expect(usccCheckChar('11371500004000016')).toBe('F')
    const made = makeUscc('12', '371525', 'MB123456')
    expect(made).toHaveLength(18)
    expect(usccProblem(made)).toBeNull()
  })
})

describe('form rules', () => {
  it('asks for the fields each kind needs', () => {
    expect(formFieldsFor('unit')).toMatchObject({ parent: true, code: true, usccRequired: true, unitType: true, officeRole: false })
    expect(formFieldsFor('finance_office')).toMatchObject({ parent: true, code: false, uscc: false, officeRole: true })
    expect(formFieldsFor('third_party')).toMatchObject({ parent: false, code: false, usccRequired: true, qualification: true })
    expect(formFieldsFor('oversight')).toMatchObject({ parent: false, uscc: false, usccRequired: false })
    expect(formFieldsFor('department')).toMatchObject({ parent: false, codeRequired: true, unitType: true })
  })

  it('places kinds under the parents the server allows', () => {
    expect(parentAllowed('unit', 'department')).toBe(true)
    expect(parentAllowed('unit', 'unit')).toBe(true)
    expect(parentAllowed('unit', 'finance_office')).toBe(false)
    expect(parentAllowed('finance_office', 'finance_bureau')).toBe(true)
    expect(parentAllowed('finance_office', 'department')).toBe(false)
    expect(parentAllowed('department', undefined)).toBe(true)
    expect(parentAllowed('department', 'department')).toBe(false)
  })

  it('checks the 预算单位编码 shape', () => {
    expect(budgetCodeProblem('department', '101', null)).toBeNull()
    expect(budgetCodeProblem('department', '1010', null)?.key).toBe('org.form.codeDepartment')
    expect(budgetCodeProblem('unit', '101007', '101')).toBeNull()
    expect(budgetCodeProblem('unit', '102007', '101')).toEqual({ key: 'org.form.codeUnit', params: { parent: '101' } })
    expect(budgetCodeProblem('unit', '10100', '101')?.key).toBe('org.form.codeUnit')
    expect(budgetCodeProblem('unit', '123456', null)).toBeNull() // the server explains a parent without code
    expect(budgetCodeProblem('third_party', '', null)).toBeNull()
    expect(budgetCodeProblem('third_party', '12', null)?.key).toBe('org.form.codeOther')
  })

  it('checks expert fields and the ID card tail', () => {
    expect(expertFieldsProblem([])).toBe('org.experts.fieldsCount')
    expect(expertFieldsProblem([' '])).toBe('org.experts.fieldsCount')
    expect(expertFieldsProblem(['工程造价'])).toBeNull()
    expect(expertFieldsProblem(Array.from({ length: 11 }, (_, i) => `领域${i}`))).toBe('org.experts.fieldsCount')
    expect(expertFieldsProblem(['一'.repeat(21)])).toBe('org.experts.fieldsLong')
    for (const ok of ['', '2318', '231X', '231x']) expect(ID_TAIL_PATTERN.test(ok)).toBe(true)
    for (const bad of ['231', 'X231', '23189']) expect(ID_TAIL_PATTERN.test(bad)).toBe(false)
  })
})

describe('tree nodes', () => {
  it('maps GET /org/tree items to lazy tree nodes', () => {
    const n = toTreeNode(org({ has_children: true }))
    expect(n).toMatchObject({ id: 12, label: '冠县第一中学', kind: 'unit', status: 'active', code: '105001', isLeaf: false })
    expect(toTreeNode(org()).isLeaf).toBe(true)
    expect(toTreeNode(org({ status: 'inactive' }), (o) => o.status !== 'active').disabled).toBe(true)
    expect(toTreeNode(org()).disabled).toBeUndefined()
  })

  it('highlights every match, case-insensitively', () => {
    expect(highlightParts('冠县第一中学', '一中')).toEqual([
      { text: '冠县第', hit: false },
      { text: '一中', hit: true },
      { text: '学', hit: false },
    ])
    expect(highlightParts('Abcab', 'AB')).toEqual([
      { text: 'Ab', hit: true },
      { text: 'c', hit: false },
      { text: 'ab', hit: true },
    ])
    expect(highlightParts('名称', '  ')).toEqual([{ text: '名称', hit: false }])
  })

  it('flattens regions and builds select options', () => {
    const roots: Region[] = [
      { code: '370000', name: '山东省', level: 'province', parent_code: null, full_name: '山东省', children: [
        { code: '371525', name: '冠县', level: 'county', parent_code: '371500', full_name: '山东省聊城市冠县', children: [] },
      ] },
    ]
    const m = flattenRegions(roots)
    expect(m.get('371525')?.full_name).toBe('山东省聊城市冠县')
    expect(m.size).toBe(2)
    expect(regionOptions(roots)).toEqual([{ value: '370000', label: '山东省', children: [{ value: '371525', label: '冠县', children: undefined }] }])
  })

  it('collects the ids a list refers to', () => {
    expect(referencedIds([org(), org({ id: 13, parent_id: 12, department_id: 5, merged_into_id: 9 })]).sort((a, b) => a - b)).toEqual([5, 9, 12])
  })
})

describe('history', () => {
  const h = (over: Partial<HistoryEntry>): HistoryEntry => ({ id: 1, org_id: 12, at: '2026-11-27T10:00:00.000Z', action: 'update', actor_name: '系统管理员', before: null, after: null, reason: '', ...over })

  it('lists only what changed, before → after', () => {
    const before = org({ name: '冠县一中', version: 1, updated_at: 'a' })
    const after = org({ name: '冠县第一中学', version: 2, updated_at: 'b', phone: '0635-1' })
    expect(historyChanges(h({ before, after }))).toEqual([
      { field: 'name', before: '冠县一中', after: '冠县第一中学' },
      { field: 'phone', before: '', after: '0635-1' },
    ])
  })

  it('shows moves and oversight by their ids', () => {
    const moved = historyChanges(h({ action: 'move', before: org({ parent_id: 5, path: '5/12' }), after: org({ parent_id: 7, department_id: 7, path: '7/12' }) }))
    expect(moved.map((c) => c.field)).toEqual(['parent_id', 'department_id'])
    const ov = historyChanges(h({ action: 'oversight', before: { overseen_department_ids: [] }, after: { overseen_department_ids: [3, 4] } }))
    expect(ov).toEqual([{ field: 'overseen_department_ids', before: [], after: [3, 4] }])
  })

  it('sorts newest first', () => {
    const rows = [h({ id: 1, at: '2026-01-01T00:00:00Z' }), h({ id: 3, at: '2026-03-01T00:00:00Z' }), h({ id: 2, at: '2026-03-01T00:00:00Z' })]
    expect(sortHistory(rows).map((r) => r.id)).toEqual([3, 2, 1])
  })
})

describe('custom roles', () => {
  const perms = [
    { code: 'system.user.read', name: '查看账号', module: 'system' },
    { code: 'org.read', name: '查看组织机构', module: 'org' },
    { code: 'audit.log.read', name: '查看审计日志', module: 'audit' },
    { code: 'targets.fill', name: '填报绩效目标' },
  ]

  it('groups permissions by module, business modules first, administrators greyed', () => {
    const tree = permissionTree(perms, (m) => `[${m}]`)
    expect(tree.map((n) => n.id)).toEqual(['module:org', 'module:targets', 'module:system', 'module:audit'])
    expect(tree[0]).toEqual({ id: 'module:org', label: '[org]', disabled: false, children: [{ id: 'org.read', label: '查看组织机构', disabled: false }] })
    expect(tree[1].children?.[0].id).toBe('targets.fill') // module taken from the code when absent
    expect(tree[2].disabled).toBe(true)
    expect(tree[2].children?.every((c) => c.disabled)).toBe(true)
  })

  it('checks the role code like the server', () => {
    for (const ok of ['abc', 'unit_clerk2', 'a'.repeat(32)]) expect(ROLE_CODE_PATTERN.test(ok)).toBe(true)
    for (const bad of ['ab', '1abc', 'Unit', 'a-b', 'a.b', 'a'.repeat(33)]) expect(ROLE_CODE_PATTERN.test(bad)).toBe(false)
  })
})
