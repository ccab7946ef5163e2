import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from './api'
import { t } from './i18n'

/** Shows an error as a top message (ElMessage), with the request id for server faults. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    const suffix = e.status >= 500 && e.requestId ? ` (${t('common.requestId', { id: e.requestId })})` : ''
    ElMessage({ type: 'error', message: e.message + suffix, grouping: true, showClose: true })
    return
  }
  if (e instanceof DOMException && e.name === 'AbortError') return
  ElMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), grouping: true, showClose: true })
}

/**
 * Field errors from the server, bound to el-form-item :error. `apply` spreads an ApiError's
 * details over the known fields (server field names, e.g. new_password) and shows a top message
 * for anything that has no field on the form. Returns true when it showed something under a field.
 */
export function useFieldErrors<F extends string>(
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
  /** Also place details whose field this accepts (rows of a table: "amounts.2.year"), under their own name. */
  accept?: (field: string) => boolean,
) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<string, string>

  function clear(field?: F): void {
    if (field) errors[field] = ''
    else for (const f of Object.keys(errors)) errors[f] = ''
  }

  function apply(e: unknown, opts: { toastAlways?: boolean } = {}): boolean {
    clear()
    if (!(e instanceof ApiError)) {
      showError(e)
      return false
    }
    let placed = false
    let unplaced = false
    for (const d of e.details) {
      const f = (aliases[d.field] ?? d.field) as F
      if ((fields as readonly string[]).includes(f) || (accept && accept(f))) {
        if (!errors[f]) errors[f] = d.message
        placed = true
      } else {
        unplaced = true
      }
    }
    if (!placed || unplaced || opts.toastAlways) showError(e)
    return placed
  }

  return { errors: errors as Record<F, string> & Record<string, string>, clear, apply }
}

/** Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is absent (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* fall back below */
  }
  try {
    const ta = document.createElement('textarea')
    ta.value = text
    ta.setAttribute('readonly', '')
    ta.style.position = 'fixed'
    ta.style.opacity = '0'
    document.body.appendChild(ta)
    ta.select()
    const ok = document.execCommand('copy')
    ta.remove()
    return ok
  } catch {
    return false
  }
}
