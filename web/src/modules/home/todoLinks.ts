import type { TodoItem } from '@/platform/types'

/**
 * Where a to-do item is handled, by document type. Each business module registers its
 * document types when it adds its pages; an item of an unknown type is listed without a link.
 */
const linkers = new Map<string, (docId: string) => string>()

export function registerTodoLink(docType: string, linker: (docId: string) => string): void {
  linkers.set(docType, linker)
}

export function todoLink(item: Pick<TodoItem, 'doc_type' | 'doc_id'>): string | null {
  const f = linkers.get(item.doc_type)
  return f ? f(String(item.doc_id)) : null
}
