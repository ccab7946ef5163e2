import type { Router } from 'vue-router'
import { ElMessage } from 'element-plus'
import { configureApi } from './api'
import { useAuthStore } from './auth'
import { getLocale, t } from './i18n'

/**
 * Wires the API client to the auth store and the router: the CSRF token and the UI language go
 * out with each request; a 401 clears the session and goes to the sign-in page (coming back to
 * where the user was); a pending forced password change goes to the change page.
 */
export function connectApi(router: Router): void {
  let lastNotice = 0
  configureApi({
    csrfToken: () => useAuthStore().csrfToken,
    locale: () => getLocale(),
    genericMessage: (kind, status) => (kind === 'network' ? t('common.networkError') : t('common.httpError', { status })),
    onUnauthenticated: (error) => {
      const auth = useAuthStore()
      const wasSignedIn = auth.signedIn
      auth.clear()
      const current = router.currentRoute.value
      if (current.name === 'login') return
      if (wasSignedIn && Date.now() - lastNotice > 3000) {
        lastNotice = Date.now()
        ElMessage({ type: 'warning', message: error.message, grouping: true })
      }
      const redirect = current.fullPath && current.fullPath !== '/' ? current.fullPath : undefined
      void router.push({ name: 'login', query: redirect ? { redirect } : {} })
    },
    onPasswordChangeRequired: () => {
      useAuthStore().markPasswordChangeRequired()
      const current = router.currentRoute.value
      if (current.name === 'password' && current.query.forced === '1') return
      void router.push({ name: 'password', query: { forced: '1' } })
    },
  })
}
