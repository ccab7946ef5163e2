// Permission checks. A requirement is one permission code, or a list of which any one suffices.

export type Requirement = string | readonly string[] | null | undefined

/** True when `held` satisfies `required` (nothing required → true). */
export function can(held: Iterable<string> | null | undefined, required: Requirement): boolean {
  if (required === null || required === undefined || required === '') return true
  const set = held instanceof Set ? (held as Set<string>) : new Set(held ?? [])
  if (typeof required === 'string') return set.has(required)
  if (required.length === 0) return true
  return required.some((p) => set.has(p))
}
