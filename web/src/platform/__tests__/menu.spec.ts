import { describe, expect, it } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'
import { defineComponent, h } from 'vue'
import { Document, HomeFilled, Setting, User } from '@element-plus/icons-vue'
import SideMenu from '../layout/SideMenu.vue'
import { breadcrumbOf, findTrail, leafEntries, resolveIcon, toMenuEntries } from '../menu'
import { i18n, setLocale } from '../i18n'
import { sysadminMe } from './fixtures'

describe('menu mapping', () => {
  it('keeps the server order and nesting, choosing the title by language', () => {
    const menu = sysadminMe().menu
    const zh = toMenuEntries(menu, 'zh-CN')
    expect(zh.map((e) => e.title)).toEqual(['首页', '系统管理'])
    expect(zh[1].children.map((e) => [e.title, e.path])).toEqual([['账号管理', '/admin/users']])
    expect(zh[1].path).toBeNull()
    const en = toMenuEntries(menu, 'en')
    expect(en[1].children[0].title).toBe('Accounts')
    // Without an English title, English falls back to Chinese.
    expect(toMenuEntries([{ key: 'x', title: '中文', path: '/x' }], 'en')[0].title).toBe('中文')
    expect(toMenuEntries(null, 'zh-CN')).toEqual([])
  })

  it('resolves icon names in several spellings, with a neutral fallback', () => {
    expect(resolveIcon('User')).toBe(User)
    expect(resolveIcon('setting')).toBe(Setting)
    expect(resolveIcon('home')).toBe(HomeFilled)
    expect(resolveIcon('home-filled')).toBe(HomeFilled)
    expect(resolveIcon('no-such-icon')).toBe(Document)
    expect(resolveIcon(null)).toBe(Document)
  })

  it('finds the trail of a page and lists the pages', () => {
    const entries = toMenuEntries(sysadminMe().menu, 'zh-CN')
    expect(findTrail(entries, '/admin/users').map((e) => e.key)).toEqual(['system', 'system.users'])
    expect(findTrail(entries, '/admin/users/12').map((e) => e.key)).toEqual(['system', 'system.users'])
    expect(findTrail(entries, '/admin/usersx')).toEqual([])
    expect(leafEntries(entries).map((e) => e.path)).toEqual(['/home', '/admin/users'])
  })

  it('builds the breadcrumb: the menu trail with links back, then the page under an entry', () => {
    const entries = toMenuEntries([
      { key: 'home', title: '首页', path: '/home' },
      { key: 'targets', title: '绩效目标', path: null, children: [
        { key: 'targets-mine', title: '目标申报', path: '/targets/mine' },
        { key: 'targets-query', title: '目标查询', path: '/targets' },
      ] },
    ], 'zh-CN')
    const t = (k: string) => ({ 'route.home': '首页', 'targets.route.edit': '编辑绩效目标', 'g': '分组', 'x': '页面' } as Record<string, string>)[k] ?? k
    const crumbs = (path: string, meta: Record<string, unknown> = {}) => breadcrumbOf(entries, { path, meta }, t)
    // an entry itself: no link on the last item is the layout's business (it drops the last link)
    expect(crumbs('/targets/mine')).toEqual([
      { label: '首页', to: '/home' }, { label: '绩效目标', to: undefined }, { label: '目标申报', to: '/targets/mine' },
    ])
    // a page opened from 目标申报 whose path lies under 目标查询: meta.menu decides
    expect(crumbs('/targets/revisions/5/edit', { title: 'targets.route.edit', menu: '/targets/mine' })).toEqual([
      { label: '首页', to: '/home' }, { label: '绩效目标', to: undefined }, { label: '目标申报', to: '/targets/mine' },
      { label: '编辑绩效目标' },
    ])
    // without meta.menu, the longest entry the path starts with
    expect(crumbs('/targets/revisions/5/edit', { title: 'targets.route.edit' }).map((c) => c.label))
      .toEqual(['首页', '绩效目标', '目标查询', '编辑绩效目标'])
    // outside the menu: the group and the title
    expect(crumbs('/elsewhere', { group: 'g', title: 'x' }).map((c) => c.label)).toEqual(['首页', '分组', '页面'])
    expect(crumbs('/home', {}).length).toBe(1)
  })
})

describe('SideMenu', () => {
  async function render(locale: 'zh-CN' | 'en') {
    setLocale(locale)
    const Blank = defineComponent({ render: () => h('div') })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/home', component: Blank },
        { path: '/admin/users', component: Blank },
      ],
    })
    await router.push('/admin/users')
    const wrapper = mount(SideMenu, {
      props: { menu: sysadminMe().menu },
      global: { plugins: [ElementPlus, i18n, router] },
    })
    await flushPromises()
    return { wrapper, router }
  }

  it('renders exactly the /me menu, marks the current page and navigates on click', async () => {
    const { wrapper, router } = await render('zh-CN')
    const text = wrapper.text()
    expect(text).toContain('首页')
    expect(text).toContain('系统管理')
    expect(text).toContain('账号管理')
    expect(wrapper.findAll('.el-menu-item')).toHaveLength(2)
    expect(wrapper.findAll('.el-sub-menu')).toHaveLength(1)
    expect(wrapper.find('.el-menu-item.is-active').text()).toBe('账号管理')
    await wrapper.find('[data-key="home"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/home')
    wrapper.unmount()
  })

  it('shows the English titles after the language switch', async () => {
    const { wrapper } = await render('en')
    expect(wrapper.text()).toContain('Accounts')
    expect(wrapper.text()).not.toContain('账号管理')
    wrapper.unmount()
    setLocale('zh-CN')
  })
})
