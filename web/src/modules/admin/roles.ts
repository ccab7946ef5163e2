import type { AdminKind, Role } from './api'

export function adminKindLabelKey(kind: AdminKind | undefined): string {
  switch (kind) {
    case 'system':
      return 'roles.kindSystem'
    case 'security':
      return 'roles.kindSecurity'
    case 'audit':
      return 'roles.kindAudit'
    default:
      return 'roles.kindBusiness'
  }
}

/**
 * 三员分立: true when the chosen roles hold two administrator roles, or an administrator role
 * with a business role. Only a hint; the server's 422 is the rule.
 */
export function violatesSeparation(codes: string[], roles: Role[]): boolean {
  const byCode = new Map(roles.map((r) => [r.code, r]))
  const chosen = codes.map((c) => byCode.get(c)).filter((r): r is Role => !!r)
  const admin = chosen.filter((r) => r.admin_kind)
  return admin.length > 1 || (admin.length === 1 && chosen.length > 1)
}
