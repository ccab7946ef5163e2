import type { RouteRecordRaw } from 'vue-router'

// The three administrators' pages (三员分立). Each declares the permission the server checks.
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('./pages/UsersPage.vue'),
    meta: { title: 'route.users', group: 'group.system', permission: 'system.user.read' },
  },
  {
    path: 'admin/roles',
    name: 'admin-roles',
    component: () => import('./pages/RolesPage.vue'),
    meta: { title: 'route.roles', group: 'group.security', permission: 'security.role.read' },
  },
  {
    path: 'admin/sessions',
    name: 'admin-sessions',
    component: () => import('./pages/SessionsPage.vue'),
    meta: { title: 'route.sessions', group: 'group.security', permission: 'security.session.manage' },
  },
  {
    path: 'admin/security-policy',
    name: 'admin-security-policy',
    component: () => import('./pages/SecurityPolicyPage.vue'),
    meta: { title: 'route.securityPolicy', group: 'group.security', permission: 'security.policy.manage' },
  },
  {
    path: 'audit/logs',
    name: 'audit-logs',
    component: () => import('./pages/AuditLogsPage.vue'),
    meta: { title: 'route.auditLogs', group: 'group.audit', permission: 'audit.log.read' },
  },
  {
    path: 'audit/login-logs',
    name: 'audit-login-logs',
    component: () => import('./pages/LoginLogsPage.vue'),
    // The contract names audit.log.read; the security administrator's security.loginlog.read
    // is meant for the same log.
    meta: { title: 'route.loginLogs', group: 'group.audit', permission: ['audit.log.read', 'security.loginlog.read'] },
  },
]
