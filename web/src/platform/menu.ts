import type { Component } from 'vue'
import {
  Bell,
  Briefcase,
  Calendar,
  Coin,
  Collection,
  Connection,
  DataAnalysis,
  DataBoard,
  DataLine,
  Document,
  DocumentChecked,
  Files,
  Finished,
  Flag,
  Folder,
  FolderOpened,
  Grid,
  Histogram,
  HomeFilled,
  Key,
  List,
  Lock,
  Memo,
  Menu as MenuIcon,
  Monitor,
  Money,
  Notebook,
  OfficeBuilding,
  Operation,
  PieChart,
  Promotion,
  Reading,
  Search,
  Setting,
  Stamp,
  Tickets,
  Timer,
  TrendCharts,
  User,
  UserFilled,
  View,
} from '@element-plus/icons-vue'
import type { MenuNode } from './types'

/** A menu entry as the shell draws it. */
export interface MenuEntry {
  key: string
  title: string
  icon: Component
  path: string | null
  children: MenuEntry[]
}

const ICONS: Record<string, Component> = {
  Bell, Briefcase, Calendar, Coin, Collection, Connection, DataAnalysis, DataBoard, DataLine,
  Document, DocumentChecked, Files, Finished, Flag, Folder, FolderOpened, Grid, Histogram,
  HomeFilled, Key, List, Lock, Memo, Menu: MenuIcon, Monitor, Money, Notebook, OfficeBuilding,
  Operation, PieChart, Promotion, Reading, Search, Setting, Stamp, Tickets, Timer, TrendCharts,
  User, UserFilled, View,
}

// Names the server may use for the same idea (its icon names are not fixed by the contract).
const ALIASES: Record<string, string> = {
  home: 'HomeFilled', house: 'HomeFilled', dashboard: 'DataBoard', todo: 'Bell', inbox: 'Bell',
  users: 'User', user: 'User', account: 'User', accounts: 'User', people: 'UserFilled', team: 'UserFilled',
  role: 'Key', roles: 'Key', permission: 'Key', permissions: 'Key', security: 'Lock', shield: 'Lock',
  lock: 'Lock', policy: 'Stamp', session: 'Monitor', sessions: 'Monitor', online: 'Monitor',
  audit: 'Tickets', log: 'Tickets', logs: 'Tickets', loginlog: 'Memo', history: 'Timer',
  system: 'Setting', settings: 'Setting', config: 'Setting', admin: 'Setting', org: 'OfficeBuilding',
  organization: 'OfficeBuilding', unit: 'OfficeBuilding', password: 'Key', profile: 'User',
  project: 'Folder', projects: 'Folder', indicator: 'Collection', indicators: 'Collection',
  target: 'Flag', targets: 'Flag', monitoring: 'TrendCharts', monitor: 'TrendCharts',
  evaluation: 'DocumentChecked', evaluate: 'DocumentChecked', result: 'Finished', results: 'Finished',
  budget: 'Money', money: 'Money', cost: 'Coin', report: 'PieChart', reports: 'PieChart',
  chart: 'Histogram', disclosure: 'Promotion', assessment: 'Stamp', township: 'OfficeBuilding',
  file: 'Files', files: 'Files', document: 'Document',
}

function pascal(name: string): string {
  return name
    .replace(/^el-icon-/, '')
    .split(/[-_\s.]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('')
}

/** The icon component for a server icon name; a neutral one when unknown or absent. */
export function resolveIcon(name: string | null | undefined): Component {
  if (!name) return Document
  if (ICONS[name]) return ICONS[name]
  const p = pascal(name)
  if (ICONS[p]) return ICONS[p]
  const alias = ALIASES[name.toLowerCase()] ?? ALIASES[name.toLowerCase().replace(/[-_\s.]/g, '')]
  return alias ? ICONS[alias] : Document
}

/** The title in the UI language; English falls back to the Chinese title. */
export function menuTitle(node: MenuNode, locale: string): string {
  if (locale.toLowerCase().startsWith('en') && node.title_en) return node.title_en
  return node.title
}

/** Maps the server's menu tree to what the shell draws, exactly in the server's order. */
export function toMenuEntries(nodes: MenuNode[] | null | undefined, locale: string): MenuEntry[] {
  if (!Array.isArray(nodes)) return []
  return nodes.map((n) => ({
    key: n.key || n.path || n.title,
    title: menuTitle(n, locale),
    icon: resolveIcon(n.icon),
    path: n.path ? n.path : null,
    children: toMenuEntries(n.children, locale),
  }))
}

/** Entries from the root down to the entry whose path matches (the longest matching prefix). */
export function findTrail(entries: MenuEntry[], path: string): MenuEntry[] {
  let best: MenuEntry[] = []
  let bestLen = -1
  const walk = (list: MenuEntry[], trail: MenuEntry[]) => {
    for (const e of list) {
      const here = [...trail, e]
      if (e.path && (path === e.path || path.startsWith(e.path.endsWith('/') ? e.path : e.path + '/'))) {
        if (e.path.length > bestLen) {
          best = here
          bestLen = e.path.length
        }
      }
      walk(e.children, here)
    }
  }
  walk(entries, [])
  return best
}

/** Every entry that opens a page, in menu order. */
export function leafEntries(entries: MenuEntry[]): MenuEntry[] {
  const out: MenuEntry[] = []
  const walk = (list: MenuEntry[]) => {
    for (const e of list) {
      if (e.children.length) walk(e.children)
      else if (e.path) out.push(e)
    }
  }
  walk(entries)
  return out
}

/** The key of every entry with children (to open all groups). */
export function groupKeys(entries: MenuEntry[]): string[] {
  const out: string[] = []
  const walk = (list: MenuEntry[]) => {
    for (const e of list) {
      if (e.children.length) {
        out.push(e.key)
        walk(e.children)
      }
    }
  }
  walk(entries)
  return out
}

/** A breadcrumb item: a label, and where it leads (not for the last one). */
export interface Crumb {
  label: string
  to?: string
}

interface RouteLike {
  name?: unknown
  path: string
  meta: { title?: string; group?: string; public?: boolean; menu?: string }
}

/** The menu trail of a page: to the entry it is opened from (meta.menu), else the one its path lies under. */
export function pageTrail(entries: MenuEntry[], route: Pick<RouteLike, 'path' | 'meta'>): MenuEntry[] {
  return findTrail(entries, route.meta.menu ?? route.path)
}

/**
 * The breadcrumb of a page: 首页, then the menu's trail to the page's entry (meta.menu, else the
 * longest entry its path starts with) with links to the entries that open a page, then the
 * page's own title when it is not the entry itself; pages outside the menu show their group
 * and title.
 */
export function breadcrumbOf(entries: MenuEntry[], route: RouteLike, t: (key: string) => string): Crumb[] {
  const items: Crumb[] = [{ label: t('route.home'), to: '/home' }]
  if (route.name === 'home') return items
  const trail = pageTrail(entries, route).filter((e) => e.path !== '/home')
  if (trail.length && !route.meta.public) {
    for (const e of trail) items.push({ label: e.title, to: e.path || undefined })
    if (trail[trail.length - 1].path !== route.path && route.meta.title) items.push({ label: t(route.meta.title) })
    return items
  }
  if (route.meta.group) items.push({ label: t(route.meta.group) })
  if (route.meta.title) items.push({ label: t(route.meta.title) })
  return items
}
