import { h } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/platform/api'
import { showError } from '@/platform/forms'
import { t } from '@/platform/i18n'
import { projectsApi, type Project } from './api'

// The unit's one-click steps on a project from a list or the detail page (申报, 撤回, 删除), with
// their confirmations. Each resolves to the project as the server answered it (null: cancelled
// or failed, the failure shown).

async function confirm(message: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), { type, confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') })
    return true
  } catch {
    return false
  }
}

/** A 422 of a submission: every problem in one box, so the unit knows what to complete. */
export async function showSubmitProblems(e: ApiError): Promise<void> {
  const lines = e.details.length ? e.details.map((d) => d.message) : [e.message]
  await ElMessageBox.alert(
    h('div', [h('p', { style: 'margin:0 0 8px' }, t('projects.list.submitFailed')), h('ul', { style: 'margin:0;padding-left:20px' }, lines.map((l) => h('li', l)))]),
    t('common.warningTitle'),
    { type: 'warning', confirmButtonText: t('common.confirm') },
  ).catch(() => undefined)
}

export async function submitProject(p: Project): Promise<Project | null | 'invalid'> {
  if (!(await confirm(t('projects.list.confirmSubmit', { name: p.name }), 'info'))) return null
  try {
    const done = await projectsApi.submit(p.id, p.version)
    ElMessage({ type: 'success', message: t('projects.list.submitted', { code: done.code ?? '' }) })
    return done
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      await showSubmitProblems(e)
      return 'invalid'
    }
    showError(e)
    return null
  }
}

export async function withdrawProject(p: Project): Promise<Project | null> {
  if (!(await confirm(t('projects.list.confirmWithdraw', { name: p.name })))) return null
  try {
    const done = await projectsApi.withdraw(p.id, p.version)
    ElMessage({ type: 'success', message: t('projects.list.withdrawn') })
    return done
  } catch (e) {
    showError(e)
    return null
  }
}

export async function removeProject(p: Project): Promise<boolean> {
  if (!(await confirm(t('projects.list.confirmRemove', { name: p.name })))) return false
  try {
    await projectsApi.remove(p.id, p.version)
    ElMessage({ type: 'success', message: t('projects.list.removed') })
    return true
  } catch (e) {
    showError(e)
    return false
  }
}
