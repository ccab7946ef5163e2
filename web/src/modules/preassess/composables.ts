import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/platform/api'
import { showError } from '@/platform/forms'
import { t } from '@/platform/i18n'
import { preassessApi, type Setting, type SettingKey, type SettingValues } from './api'

/**
 * One setting of one year, loaded and saved: GET on a year change; PUT with the version read;
 * a 409 reloads the latest and says so; a 422 is handed back to the form (its field details).
 */
export function useSetting<K extends SettingKey>(key: K, year: Ref<number>) {
  const setting = shallowRef<Setting<K> | null>(null)
  const loading = ref(false)
  const saving = ref(false)
  const failure = ref<string | null>(null)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    failure.value = null
    try {
      const s = await preassessApi.setting(key, year.value)
      if (mine === seq) setting.value = s
    } catch (e) {
      if (mine !== seq) return
      setting.value = null
      failure.value = e instanceof ApiError ? e.message : String(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /**
   * Saves; resolves to the saved setting, to 'conflict' after a 409 (reloaded), or rejects with
   * the ApiError of a 422 for the form to place.
   */
  async function save(value: SettingValues[K]): Promise<Setting<K> | 'conflict'> {
    if (!setting.value) throw new Error('not loaded')
    saving.value = true
    try {
      const s = await preassessApi.saveSetting(key, year.value, value, setting.value.version)
      setting.value = s
      ElMessage({ type: 'success', message: t('preassess.settings.saved', { v: s.version }) })
      return s
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        ElMessage({ type: 'warning', message: t('preassess.settings.conflict'), duration: 6000, showClose: true })
        await load()
        return 'conflict'
      }
      if (e instanceof ApiError && e.status === 422) throw e
      showError(e)
      throw e
    } finally {
      saving.value = false
    }
  }

  watch(year, () => void load())

  /** Where the value shown comes from: own (this year's row), inherited (the general one) or default. */
  const source = computed<'own' | 'inherited' | 'default' | ''>(() => {
    const s = setting.value
    if (!s) return ''
    if (s.default) return 'default'
    return s.inherited ? 'inherited' : 'own'
  })

  return { setting, loading, saving, failure, source, load, save }
}
