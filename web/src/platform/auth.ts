import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError } from './api'
import { can as canWith, type Requirement } from './permission'
import type { LoginAnswer, Me } from './types'

/**
 * The signed-in user as the server last described it (POST /auth/login, GET /me), and the
 * session's CSRF token. Nothing here is stored in the browser: the session lives in an
 * HttpOnly cookie, and a reload asks GET /me again.
 */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<Me | null>(null)
  const csrfToken = ref<string | null>(null)
  /** Whether GET /me has been asked since the page loaded (or since sign-in/out). */
  const checked = ref(false)

  const signedIn = computed(() => user.value !== null)
  const permissions = computed(() => new Set(user.value?.permissions ?? []))
  const mustChangePassword = computed(() => user.value?.must_change_password === true)
  const menu = computed(() => user.value?.menu ?? [])
  const roleNames = computed(() => (user.value?.roles ?? []).map((r) => r.name))

  function can(required: Requirement): boolean {
    return canWith(permissions.value, required)
  }

  function setUser(me: Me, token?: string | null): void {
    user.value = me
    const t = token ?? me.csrf_token ?? null
    if (t) csrfToken.value = t
    checked.value = true
  }

  function clear(): void {
    user.value = null
    csrfToken.value = null
    checked.value = true
  }

  async function login(username: string, password: string): Promise<Me> {
    const answer = await api.post<LoginAnswer>('/auth/login', { username, password }, { handleAuth: false })
    setUser(answer.user, answer.csrf_token)
    return answer.user
  }

  /** GET /me; returns null (and clears) when not signed in. Other errors are thrown. */
  async function fetchMe(): Promise<Me | null> {
    try {
      const me = await api.get<Me>('/me', undefined, { handleAuth: false })
      setUser(me)
      return me
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        clear()
        return null
      }
      throw e
    }
  }

  /** Signs out on the server (best effort) and forgets the user here. */
  async function logout(): Promise<void> {
    try {
      await api.post('/auth/logout', undefined, { handleAuth: false })
    } catch {
      /* the session may already be gone; signing out here is what matters */
    } finally {
      clear()
    }
  }

  /** After a successful password change the server lifts the forced change. */
  function passwordChanged(): void {
    if (user.value) user.value = { ...user.value, must_change_password: false }
  }

  function markPasswordChangeRequired(): void {
    if (user.value) user.value = { ...user.value, must_change_password: true }
  }

  return {
    user,
    csrfToken,
    checked,
    signedIn,
    permissions,
    mustChangePassword,
    menu,
    roleNames,
    can,
    setUser,
    clear,
    login,
    fetchMe,
    logout,
    passwordChanged,
    markPasswordChangeRequired,
  }
})
