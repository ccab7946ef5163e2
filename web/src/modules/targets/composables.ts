import { ref, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { targetsApi, type DepartmentNeed } from './api'

/** The 一级预算单位 in scope in a year (GET /targets/departments): the department filter's options. */
export function useDepartments(year: MaybeRefOrGetter<number>) {
  const items = ref<DepartmentNeed[]>([])
  async function load() {
    try {
      items.value = (await targetsApi.departments(toValue(year))).items
    } catch {
      items.value = []
    }
  }
  watch(() => toValue(year), load, { immediate: true })
  return { items, load }
}
