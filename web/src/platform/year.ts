import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from './api'
import type { Meta } from './types'

const STORAGE_KEY = 'jx.budgetYear'

function savedYear(): number | null {
  try {
    const v = Number(localStorage.getItem(STORAGE_KEY))
    return Number.isInteger(v) && v > 1900 ? v : null
  } catch {
    return null
  }
}

/**
 * The instance's metadata (GET /meta) and the chosen 预算年度. The choice is kept in
 * localStorage; without one (or when it is no longer offered) the server's current_year is used.
 */
export const useYearStore = defineStore('year', () => {
  const meta = ref<Meta | null>(null)
  const year = ref<number | null>(savedYear())
  const loading = ref(false)

  const years = computed(() => meta.value?.years ?? [])
  const currentYear = computed(() => year.value ?? meta.value?.current_year ?? new Date().getFullYear())

  function applyMeta(m: Meta): void {
    meta.value = m
    const offered = m.years ?? []
    if (year.value === null || (offered.length > 0 && !offered.includes(year.value))) {
      year.value = m.current_year
    }
  }

  async function load(force = false): Promise<Meta | null> {
    if (meta.value && !force) return meta.value
    loading.value = true
    try {
      const m = await api.get<Meta>('/meta', undefined, { handleAuth: false })
      applyMeta(m)
      return m
    } catch {
      return null
    } finally {
      loading.value = false
    }
  }

  function setYear(y: number): void {
    year.value = y
    try {
      localStorage.setItem(STORAGE_KEY, String(y))
    } catch {
      /* ignore */
    }
  }

  return { meta, year, years, currentYear, loading, applyMeta, load, setYear }
})
