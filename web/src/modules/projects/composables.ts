import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useRefItems } from '@/modules/ref/composables'
import type { RefItem } from '@/modules/ref/api'

// The reference data a project names by code (DOMAIN §9, docs/api-projects.md "Model"): options
// for the editor's selects and names for the lists, cached per (kind, year) by the ref module.

export function useProjectRefs(year?: MaybeRefOrGetter<number | null | undefined>) {
  const category = useRefItems('project_category')
  const budgetType = useRefItems('budget_type')
  const sector = useRefItems('sector')
  const tag = useRefItems('special_tag')
  const source = useRefItems('funding_source')
  const funcClass = useRefItems('func_class', () => toValue(year) ?? null)
  return { category, budgetType, sector, tag, source, funcClass }
}

export interface FuncNode {
  value: string
  label: string
  disabled: boolean
  children?: FuncNode[]
}

/**
 * 支出功能分类 as a tree for el-tree-select: 类 (3 digits) cannot be chosen, 款 (5) and 项 (7)
 * can (the server wants a 款 or 项 valid in the start year).
 */
export function funcClassTree(items: RefItem[]): FuncNode[] {
  const nodes = new Map<string, FuncNode>()
  const roots: FuncNode[] = []
  const sorted = [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  for (const i of sorted) nodes.set(i.code, { value: i.code, label: `${i.code} ${i.name}`, disabled: i.code.length < 5 })
  for (const i of sorted) {
    const n = nodes.get(i.code)!
    const p = i.parent_code ? nodes.get(i.parent_code) : undefined
    if (p) (p.children ??= []).push(n)
    else roots.push(n)
  }
  return roots
}

export function useFuncClassTree(year: MaybeRefOrGetter<number | null | undefined>) {
  const refs = useRefItems('func_class', () => toValue(year) ?? null)
  const tree = computed(() => funcClassTree(refs.items.value))
  return { ...refs, tree }
}
