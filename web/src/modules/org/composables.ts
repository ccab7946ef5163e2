import { reactive, ref } from 'vue'
import { ApiError } from '@/platform/api'
import { orgApi, type Organization, type Region } from './api'
import { flattenRegions } from './model'

// Shared look-ups of the org pages: organization names by id (the list answers carry ids only)
// and the region tree. Both are cached for the page's life and rebuilt on a reload.

const names = reactive(new Map<number, string | null>())
const pending = new Map<number, Promise<void>>()

/** Remembers the names of organizations already fetched. */
export function rememberOrgs(orgs: Pick<Organization, 'id' | 'name'>[]): void {
  for (const o of orgs) names.set(o.id, o.name)
}

/** Forgets a name (after a rename). */
export function forgetOrg(id: number): void {
  names.delete(id)
}

/** Fetches the names of the ids not known yet; an id out of the caller's scope stays null. */
export async function ensureOrgNames(ids: (number | null | undefined)[]): Promise<void> {
  const work: Promise<void>[] = []
  for (const id of ids) {
    if (typeof id !== 'number' || names.has(id)) continue
    let p = pending.get(id)
    if (!p) {
      p = orgApi
        .unit(id)
        .then((o) => void names.set(id, o.name))
        .catch((e) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) names.set(id, null)
        })
        .finally(() => pending.delete(id))
      pending.set(id, p)
    }
    work.push(p)
  }
  await Promise.all(work)
}

/**
 * How to show a referenced organization: its name; `outOfScope` when the server answered 404
 * (outside the caller's data scope); `#id` while its name is being fetched.
 */
export function orgDisplay(id: number | null | undefined, outOfScope: string): string {
  if (typeof id !== 'number') return ''
  if (!names.has(id)) return `#${id}`
  return names.get(id) ?? outOfScope
}

/** The name of an organization, or null when unknown or out of scope. */
export function orgName(id: number | null | undefined): string | null {
  if (typeof id !== 'number') return null
  return names.get(id) ?? null
}

let regionsPromise: Promise<Region[]> | null = null
const regionTree = ref<Region[]>([])
const regionMap = ref(new Map<string, Region>())

/** The regions in the caller's scope (GET /org/regions), loaded once. */
export function useRegions() {
  if (!regionsPromise) {
    regionsPromise = orgApi
      .regions()
      .then((r) => {
        regionTree.value = Array.isArray(r) ? r : []
        regionMap.value = flattenRegions(regionTree.value)
        return regionTree.value
      })
      .catch((e) => {
        regionsPromise = null
        throw e
      })
  }
  const loaded = regionsPromise
  return {
    tree: regionTree,
    loaded,
    name: (code: string | null | undefined) => (code ? (regionMap.value.get(code)?.name ?? code) : ''),
    fullName: (code: string | null | undefined) => (code ? (regionMap.value.get(code)?.full_name ?? code) : ''),
  }
}
