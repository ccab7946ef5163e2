import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { loadFields, indicatorsApi, type TreeInForce } from './api'
import { level1Options, level2Options } from './model'

// Cached look-ups of the indicator pages: the tree in force for a year (一级/二级 options of the
// filters and the editor) and the 领域 of a sector. One request per key for the page's life;
// forgetTree() after the tree is saved.

const trees = new Map<number, Promise<TreeInForce>>()

export function loadTree(year: number): Promise<TreeInForce> {
  let p = trees.get(year)
  if (!p) {
    p = indicatorsApi.tree(year).catch((e) => {
      trees.delete(year)
      throw e
    })
    trees.set(year, p)
  }
  return p
}

export function forgetTree(year?: number): void {
  if (year === undefined) trees.clear()
  else trees.delete(year)
}

/** The tree in force for `year` (reactive), with the 一级 names and the 二级 names of a 一级. */
export function useIndicatorTree(year: MaybeRefOrGetter<number | null | undefined>) {
  const tree = shallowRef<TreeInForce | null>(null)
  const failed = ref(false)
  let seq = 0
  async function load(): Promise<void> {
    const y = toValue(year)
    const mine = ++seq
    if (!y) {
      tree.value = null
      return
    }
    try {
      const t = await loadTree(y)
      if (mine === seq) {
        tree.value = t
        failed.value = false
      }
    } catch {
      if (mine === seq) failed.value = true
    }
  }
  watch(() => toValue(year), () => void load(), { immediate: true })
  const level1 = computed(() => level1Options(tree.value?.value))
  return {
    tree,
    failed,
    level1,
    level2Of: (l1?: string | null) => level2Options(tree.value?.value, l1),
    reload: () => {
      forgetTree(toValue(year) ?? undefined)
      return load()
    },
  }
}

const fieldCache = new Map<string, Promise<string[]>>()

/** 领域 of a sector (every sector when none), for the filter and the editor's suggestions. */
export function useFields(sector: MaybeRefOrGetter<string | null | undefined>) {
  const fields = shallowRef<string[]>([])
  let seq = 0
  async function load(): Promise<void> {
    const s = toValue(sector) ?? ''
    const mine = ++seq
    let p = fieldCache.get(s)
    if (!p) {
      p = loadFields(s).catch((e) => {
        fieldCache.delete(s)
        throw e
      })
      fieldCache.set(s, p)
    }
    try {
      const list = await p
      if (mine === seq) fields.value = list
    } catch {
      if (mine === seq) fields.value = []
    }
  }
  watch(() => toValue(sector), () => void load(), { immediate: true })
  return { fields, reload: () => (fieldCache.clear(), load()) }
}

export function forgetFields(): void {
  fieldCache.clear()
}
