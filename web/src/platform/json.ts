/** Pretty-prints a value that may be an object, a JSON string or null; null when there is nothing. */
export function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined || value === '' || value === 'null') return null
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value)
      if (parsed === null) return null
      return JSON.stringify(parsed, null, 2)
    } catch {
      return value
    }
  }
  return JSON.stringify(value, null, 2)
}
