import { computed, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { useYearStore } from '@/platform/year'
import { refApi, type RefItem, type RefKind } from './api'
import { nameMap } from './model'

// Cached look-ups of reference data for every module: the kinds, and the items of a kind valid
// in a year (`useRefItems('sector', year)` for a select and for showing names instead of codes).
// One request per (kind, year) for the page's life; invalidateRef() after a write.

let kindsPromise: Promise<RefKind[]> | null = null
const kindsList = ref<RefKind[]>([])

/** GET /ref/kinds, loaded once. */
export function useRefKinds() {
  if (!kindsPromise) {
    kindsPromise = refApi
      .kinds()
      .then((k) => {
        kindsList.value = Array.isArray(k) ? k : []
        return kindsList.value
      })
      .catch((e) => {
        kindsPromise = null
        throw e
      })
  }
  return { kinds: kindsList, loaded: kindsPromise }
}

interface Entry {
  items: Ref<RefItem[]>
  promise: Promise<RefItem[]> | null
}

const cache = new Map<string, Entry>()

function entry(kind: string, year: number | null | undefined): Entry {
  const key = `${kind}@${year ?? ''}`
  let e = cache.get(key)
  if (!e) {
    e = { items: shallowRef<RefItem[]>([]), promise: null }
    cache.set(key, e)
  }
  if (!e.promise) {
    const target = e
    target.promise = refApi
      .items(kind, { year: year ?? undefined })
      .then((page) => {
        target.items.value = Array.isArray(page?.items) ? page.items : []
        return target.items.value
      })
      .catch((err) => {
        target.promise = null
        throw err
      })
  }
  return e
}

/** Loads (or reuses) the items of a kind in a year; resolves to the list. */
export function loadRefItems(kind: string, year?: number | null): Promise<RefItem[]> {
  return entry(kind, year).promise!
}

/** Drops cached items of a kind (every year), or everything. */
export function invalidateRef(kind?: string): void {
  for (const key of [...cache.keys()]) if (!kind || key.startsWith(`${kind}@`)) cache.delete(key)
}

/**
 * The items of `kind` valid in `year` (reactive: follows a ref or getter), with their names by
 * code. `label(code)` is "name" (or the code itself when unknown, e.g. an older code).
 */
export function useRefItems(kind: MaybeRefOrGetter<string>, year?: MaybeRefOrGetter<number | null | undefined>) {
  const items = shallowRef<RefItem[]>([])
  const loading = ref(false)
  const failed = ref(false)
  let seq = 0

  async function load(): Promise<void> {
    const k = toValue(kind)
    const y = toValue(year)
    const mine = ++seq
    if (!k) {
      items.value = []
      return
    }
    const e = entry(k, y)
    items.value = e.items.value
    loading.value = true
    try {
      const list = await e.promise!
      if (mine === seq) {
        items.value = list
        failed.value = false
      }
    } catch {
      if (mine === seq) failed.value = true
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch(() => [toValue(kind), toValue(year)], () => void load(), { immediate: true })

  const names = computed(() => nameMap(items.value))
  return {
    items,
    loading,
    failed,
    reload: () => {
      invalidateRef(toValue(kind))
      return load()
    },
    name: (code: string | null | undefined): string | null => (code ? (names.value.get(code) ?? null) : null),
    label: (code: string | null | undefined): string => (code ? (names.value.get(code) ?? code) : ''),
  }
}

/**
 * 行业领域 (kind `sector`) of the budget year chosen in the top bar: options for a select and
 * the name of an organization's sector_code (the code itself when the year does not know it).
 */
export function useSectors() {
  const years = useYearStore()
  return useRefItems('sector', () => years.currentYear)
}
