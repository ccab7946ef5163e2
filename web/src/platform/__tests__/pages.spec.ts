import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import LoginPage from '../pages/LoginPage.vue'
import UsersPage from '@/modules/admin/pages/UsersPage.vue'
import { i18n, setLocale } from '../i18n'
import { useAuthStore } from '../auth'
import { resetApiHooks } from '../api'
import { jsonResponse, sysadminMe } from './fixtures'

const Blank = defineComponent({ render: () => h('div') })
let fetchMock: ReturnType<typeof vi.fn>
let router: Router
let wrapper: VueWrapper | null = null

beforeEach(async () => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  resetApiHooks()
  fetchMock = vi.fn(async (url: string) => (String(url).endsWith('/meta') ? jsonResponse(200, { version: '0.1.0', years: [2026], current_year: 2026 }) : jsonResponse(404, {})))
  vi.stubGlobal('fetch', fetchMock)
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Blank },
      { path: '/home', name: 'home', component: Blank },
      { path: '/password', name: 'password', component: Blank },
      { path: '/admin/users', name: 'admin-users', component: Blank },
    ],
  })
  await router.push('/login')
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

// Element Plus shows a form item's error 100 ms after its state changes (a debounce).
async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

function mountPage(component: Parameters<typeof mount>[0]) {
  wrapper = mount(component, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, router], stubs: { transition: false, 'transition-group': false } } }) as VueWrapper
  return wrapper
}

function errorsText(w: VueWrapper) {
  return w.findAll('.el-form-item__error').map((e) => e.text())
}

describe('sign-in page', () => {
  it('says in Chinese that user name and password are needed, without asking the server', async () => {
    const w = mountPage(LoginPage)
    await settle()
    await w.find('form').trigger('submit')
    await settle()
    expect(errorsText(w)).toEqual(['请输入用户名', '请输入密码'])
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/auth/login'))).toBe(false)
  })

  it("shows the server's message for wrong credentials under the password, and a lock as an alert", async () => {
    const w = mountPage(LoginPage)
    await settle()
    await w.find('input[name="username"]').setValue('sysadmin')
    await w.find('input[name="password"]').setValue('wrong')
    fetchMock.mockImplementationOnce(async () => jsonResponse(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } }))
    await w.find('form').trigger('submit')
    await settle()
    expect(errorsText(w)).toEqual(['用户名或密码错误'])

    await w.find('input[name="password"]').setValue('again')
    fetchMock.mockImplementationOnce(async () => jsonResponse(423, { error: { code: 'account_locked', message: '账号已锁定，请 15 分钟后再试' } }))
    await w.find('form').trigger('submit')
    await settle()
    expect(w.find('[data-test="login-error"]').text()).toContain('账号已锁定，请 15 分钟后再试')
  })

  it('goes to the forced password change when the server says so', async () => {
    const w = mountPage(LoginPage)
    await settle()
    await w.find('input[name="username"]').setValue('newuser')
    await w.find('input[name="password"]').setValue('Init#Pass1')
    fetchMock.mockImplementationOnce(async () => jsonResponse(200, { user: sysadminMe({ must_change_password: true }), csrf_token: 'c' }))
    await w.find('form').trigger('submit')
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/password?forced=1')
    expect(useAuthStore().mustChangePassword).toBe(true)
  })
})

describe('accounts page', () => {
  it('creates a user and shows the one-time password once, with a copy button', async () => {
    useAuthStore().setUser(sysadminMe(), 'csrf-x')
    const users = { items: [], total: 0 }
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      if (String(url).startsWith('/api/v1/admin/users') && (!init?.method || init.method === 'GET')) return jsonResponse(200, users)
      if (url === '/api/v1/admin/users' && init.method === 'POST') {
        return jsonResponse(201, { user: { id: 7, username: 'zhangsan', display_name: '张三' }, initial_password: 'Xy7#kQ2m9Lp' })
      }
      return jsonResponse(404, {})
    })
    await router.push('/admin/users')
    const w = mountPage(UsersPage)
    await settle()
    await w.find('[data-test="user-create"]').trigger('click')
    await settle()
    const dialog = document.querySelector('[data-test="user-dialog"]') as HTMLElement
    expect(dialog).toBeTruthy()
    const set = (sel: string, v: string) => {
      const el = dialog.querySelector(sel) as HTMLInputElement
      el.value = v
      el.dispatchEvent(new Event('input'))
    }
    set('input[data-test="user-username"], [data-test="user-username"] input', 'zhangsan')
    set('input[data-test="user-display-name"], [data-test="user-display-name"] input', '张三')
    ;(dialog.querySelector('[data-test="user-save"]') as HTMLElement).click()
    await settle()
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!
    expect(JSON.parse(post[1].body)).toMatchObject({ username: 'zhangsan', display_name: '张三' })
    expect(post[1].headers['X-CSRF-Token']).toBeUndefined() // hooks reset: no token source in this test
    const otp = document.querySelector('[data-test="otp-dialog"]') as HTMLElement
    expect(otp.textContent).toContain('Xy7#kQ2m9Lp')
    expect(otp.textContent).toContain('只显示这一次')
    expect(otp.querySelector('[data-test="otp-copy"]')).toBeTruthy()
  })
})
