import { ElMessage, ElMessageBox } from 'element-plus'
import { showError } from '@/platform/forms'
import { t } from '@/platform/i18n'
import { targetsApi, type Revision } from './api'

// The unit's one-click steps on a revision from a list or the set's page, with their
// confirmations. Each resolves to the answer (null: cancelled or failed, the failure shown).

export async function withdrawRevision(revisionId: number): Promise<Revision | null> {
  try {
    await ElMessageBox.confirm(t('targets.mine.confirmWithdraw'), t('common.confirmTitle'), { type: 'warning', confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') })
  } catch {
    return null
  }
  try {
    const r = await targetsApi.revision(revisionId)
    const done = await targetsApi.withdraw(r.id, r.version)
    ElMessage({ type: 'success', message: t('targets.mine.withdrawn') })
    return done
  } catch (e) {
    showError(e)
    return null
  }
}
