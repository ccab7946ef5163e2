import { createI18n } from 'vue-i18n'
import { ref } from 'vue'
import zhCN from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
]

const STORAGE_KEY = 'jx.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN' // Chinese by default, whatever the browser says
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

/** The current UI language, reactive. */
export const currentLocale = ref<Locale>(i18n.global.locale.value as Locale)

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  currentLocale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export function getLocale(): Locale {
  return currentLocale.value
}

/** Translates outside components (stores, the API client, the router). */
export function t(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key)
}

/** Translates if the key exists, else returns the fallback (for server codes such as results). */
export function tOr(key: string, fallback: string): string {
  return i18n.global.te(key) || i18n.global.te(key, 'zh-CN') ? i18n.global.t(key) : fallback
}
