import { api, type Page } from '@/platform/api'
import type { TodoItem } from '@/platform/types'

export function fetchTodo(page: number, pageSize: number): Promise<Page<TodoItem>> {
  return api.get<Page<TodoItem>>('/todo', { page, page_size: pageSize })
}
