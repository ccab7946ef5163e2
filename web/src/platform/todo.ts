import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type Page } from './api'
import type { TodoItem } from './types'

/** The to-do count shown on the bell; pages that act on documents call refresh(). */
export const useTodoStore = defineStore('todo', () => {
  const total = ref(0)
  const loadedAt = ref(0)

  async function refresh(): Promise<void> {
    try {
      const page = await api.get<Page<TodoItem>>('/todo', { page: 1, page_size: 1 })
      total.value = Number(page.total) || 0
      loadedAt.value = Date.now()
    } catch {
      /* the badge is a hint; the inbox page shows real errors */
    }
  }

  function set(n: number): void {
    total.value = n
    loadedAt.value = Date.now()
  }

  return { total, loadedAt, refresh, set }
})
