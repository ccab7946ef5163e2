import { reactive, ref } from 'vue'
import { ApiError, type Page } from './api'
import { showError } from './forms'

export interface PagedState<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

/**
 * A paged list bound to a fetcher: `load()` asks for the current page, `search()` goes back to
 * page 1. Errors are shown as a top message; `forbidden` is set on a 403 so a page can explain.
 */
export function usePagedList<T>(fetcher: (page: number, pageSize: number) => Promise<Page<T>>, pageSize = 20) {
  const state = reactive({ items: [], total: 0, page: 1, pageSize }) as PagedState<T>
  const loading = ref(false)
  const forbidden = ref(false)
  const error = ref<ApiError | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await fetcher(state.page, state.pageSize)
      if (mine !== seq) return
      state.items = Array.isArray(answer?.items) ? answer.items : []
      state.total = Number(answer?.total ?? state.items.length) || 0
      forbidden.value = false
      error.value = null
      // A deletion may leave us past the last page.
      if (state.items.length === 0 && state.page > 1 && state.total > 0) {
        state.page = Math.max(1, Math.ceil(state.total / state.pageSize))
        await load()
      }
    } catch (e) {
      if (mine !== seq) return
      error.value = e instanceof ApiError ? e : null
      if (e instanceof ApiError && e.status === 403) {
        forbidden.value = true
        state.items = []
        state.total = 0
      } else if (!(e instanceof ApiError && e.status === 401)) {
        showError(e)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function search(): Promise<void> {
    state.page = 1
    return load()
  }

  function onPageChange(p: number): void {
    state.page = p
    void load()
  }

  function onSizeChange(s: number): void {
    state.pageSize = s
    state.page = 1
    void load()
  }

  return { state, loading, forbidden, error, load, search, onPageChange, onSizeChange }
}
