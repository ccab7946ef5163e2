import { reactive } from 'vue'
import { api, ApiError, download, upload } from './api'
import { t } from './i18n'

// The Excel import of every module (DESIGN.md §4 Excel; docs/api-org.md "Import"): download the
// template, upload the filled xlsx (its bytes as the body), follow the job that checks every row
// (GET /jobs/{id} about every 500 ms, cancellable), then show what it wrote or every error. The
// flow below is the wizard's state machine, kept apart from the dialog so it can be tested.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The servers' limit on an import body (413 above it). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
/** How many errors the result table shows (the job's result carries at most this many). */
export const MAX_SHOWN_ERRORS = 1000
export const POLL_MS = 500

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface JobFile {
  name: string
  title?: string
  size?: number
  once?: boolean
}

export interface ImportRowError {
  row: number
  column: string
  message: string
}

export interface ImportResult {
  total: number
  written: number
  cancelled: boolean
  error_count: number
  errors: ImportRowError[]
  files: JobFile[]
}

export interface Job {
  id: number
  kind: string
  state: JobState
  progress: number
  total: number
  message: string
  result: Partial<ImportResult> | null
  error: string
  created_at: string
  started_at: string | null
  finished_at: string | null
}

export const jobsApi = {
  get: (id: number) => api.get<Job>(`/jobs/${id}`),
  cancel: (id: number) => api.post<Job>(`/jobs/${id}/cancel`),
  /** A file the job produced (errors.xlsx, passwords.xlsx), saved by the browser. */
  downloadFile: (id: number, name: string) => download(`/jobs/${id}/files/${encodeURIComponent(name)}`, undefined, name),
}

/** Uploads an xlsx to an import route (`/api/v1/org/import?type=orgs`) → the job's id. */
export async function uploadImport(url: string, file: Blob): Promise<number> {
  const answer = await upload<{ job_id: number }>(url, file, XLSX_TYPE)
  const id = Number(answer?.job_id)
  if (!Number.isInteger(id) || id < 1) throw new ApiError(200, 'bad_response', t('imports.badAnswer'))
  return id
}

/** Why a chosen file cannot be sent (i18n message), or null. Checked again by the server. */
export function fileProblem(file: { name: string; size: number } | null | undefined): string | null {
  if (!file) return t('imports.noFile')
  if (!/\.xlsx$/i.test(file.name.trim())) return t('imports.notXlsx', { name: file.name })
  if (file.size <= 0) return t('imports.emptyFile')
  if (file.size > MAX_IMPORT_BYTES) return t('imports.tooLarge', { size: formatBytes(file.size) })
  return null
}

/** 1536 → "1.5 KB"; 5242880 → "5.0 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return ''
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** Whole percent of rows checked; 0 while the total is unknown. */
export function percentOf(done: number, total: number): number {
  if (!(total > 0) || !(done > 0)) return 0
  return Math.min(100, Math.floor((done * 100) / total))
}

/** The job's files as objects, whatever form the server used (names or {name,…}). */
export function jobFiles(result: Partial<ImportResult> | null | undefined): JobFile[] {
  const raw = (result?.files ?? []) as unknown[]
  if (!Array.isArray(raw)) return []
  return raw
    .map((f) => (typeof f === 'string' ? { name: f } : f && typeof f === 'object' ? (f as JobFile) : null))
    .filter((f): f is JobFile => !!f && typeof f.name === 'string' && f.name !== '')
}

export type Outcome = 'success' | 'errors' | 'cancelled' | 'failed'

/** What a finished job means for the user; null while it is still queued or running. */
export function outcomeOf(job: Pick<Job, 'state' | 'result'>): Outcome | null {
  switch (job.state) {
    case 'queued':
    case 'running':
      return null
    case 'cancelled':
      return 'cancelled'
    case 'failed':
      return 'failed'
    case 'succeeded': {
      const r = job.result ?? {}
      if (r.cancelled) return 'cancelled'
      const count = Number(r.error_count ?? (Array.isArray(r.errors) ? r.errors.length : 0)) || 0
      return count > 0 ? 'errors' : 'success'
    }
    default:
      return 'failed'
  }
}

/** The message for an upload the server refused (413, 422 and the rest). */
export function uploadErrorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 413) return t('imports.payloadTooLarge')
    if (e.status === 415) return t('imports.notXlsxServer')
    if (e.status === 422 || e.status === 400) {
      // The field's own message says what is wrong with the file; the top one is generic.
      const detail = e.details.find((d) => d.message)?.message
      return t('imports.rejected', { message: detail || e.message })
    }
    if (e.status === 403) return t('imports.forbidden')
    return e.message
  }
  return e instanceof Error ? e.message : String(e)
}

export type ImportStep = 'template' | 'upload' | 'checking' | 'result'
export const IMPORT_STEPS: ImportStep[] = ['template', 'upload', 'checking', 'result']

export interface ImportDeps {
  /** Sends the file, answers the job id. */
  upload(file: Blob): Promise<number>
  job(id: number): Promise<Job>
  cancel(id: number): Promise<unknown>
  sleep?(ms: number): Promise<void>
  pollMs?: number
}

export interface ImportFile {
  name: string
  size: number
  raw: Blob
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * The import wizard's state: template → upload → checking → result. Only one job is followed
 * at a time; reset() or dispose() stops following it (the server job runs on unless cancelled).
 */
export function useImportFlow(deps: ImportDeps) {
  const sleep = deps.sleep ?? defaultSleep
  const pollMs = deps.pollMs ?? POLL_MS
  const state = reactive({
    step: 'template' as ImportStep,
    file: null as ImportFile | null,
    fileError: '',
    uploading: false,
    uploadError: '',
    jobId: null as number | null,
    jobState: null as JobState | null,
    checked: 0,
    total: 0,
    cancelling: false,
    outcome: null as Outcome | null,
    result: null as ImportResult | null,
    failure: '',
    downloaded: {} as Record<string, boolean>,
  })
  let seq = 0

  function toUpload(): void {
    state.step = 'upload'
  }

  function toTemplate(): void {
    if (state.step === 'upload') state.step = 'template'
  }

  /** Takes a chosen file after checking its extension and size; false when refused. */
  function selectFile(file: ImportFile | null): boolean {
    state.uploadError = ''
    const problem = fileProblem(file)
    if (problem) {
      state.file = null
      state.fileError = file ? problem : ''
      return false
    }
    state.file = file
    state.fileError = ''
    return true
  }

  function normalize(job: Job): ImportResult {
    const r = job.result ?? {}
    const errors = Array.isArray(r.errors) ? r.errors.slice(0, MAX_SHOWN_ERRORS) : []
    return {
      total: Number(r.total ?? job.total ?? 0) || 0,
      written: Number(r.written ?? 0) || 0,
      cancelled: !!r.cancelled,
      error_count: Number(r.error_count ?? errors.length) || 0,
      errors: errors.map((e) => ({ row: Number(e?.row ?? 0), column: String(e?.column ?? ''), message: String(e?.message ?? '') })),
      files: jobFiles(r),
    }
  }

  function finish(job: Job, outcome: Outcome): void {
    state.outcome = outcome
    state.result = normalize(job)
    state.failure = outcome === 'failed' ? job.error || job.message || t('imports.failedUnknown') : ''
    if (outcome === 'success' && state.result.total > 0) state.checked = state.total = state.result.total
    state.cancelling = false
    state.step = 'result'
  }

  async function follow(id: number, mine: number): Promise<void> {
    let faults = 0
    for (;;) {
      if (mine !== seq) return
      let job: Job
      try {
        job = await deps.job(id)
        faults = 0
      } catch (e) {
        if (mine !== seq) return
        // A lost answer is retried; a job that is gone (404) or a third fault in a row ends it.
        faults += 1
        if ((e instanceof ApiError && (e.status === 404 || e.status === 401 || e.status === 403)) || faults >= 3) {
          state.outcome = 'failed'
          state.failure = e instanceof Error ? e.message : String(e)
          state.cancelling = false
          state.step = 'result'
          return
        }
        await sleep(pollMs)
        continue
      }
      if (mine !== seq) return
      state.jobState = job.state
      state.checked = Number(job.progress) || 0
      state.total = Number(job.total) || 0
      const outcome = outcomeOf(job)
      if (outcome) {
        finish(job, outcome)
        return
      }
      await sleep(pollMs)
    }
  }

  /** Uploads the chosen file and follows the job until it ends. Resolves when it has ended. */
  async function start(): Promise<void> {
    if (state.uploading || state.step === 'checking') return
    if (!state.file) {
      state.fileError = fileProblem(null) ?? ''
      return
    }
    const mine = ++seq
    state.uploading = true
    state.uploadError = ''
    let id: number
    try {
      id = await deps.upload(state.file.raw)
    } catch (e) {
      if (mine === seq) state.uploadError = uploadErrorMessage(e)
      return
    } finally {
      if (mine === seq) state.uploading = false
    }
    if (mine !== seq) return
    Object.assign(state, { jobId: id, jobState: 'queued', checked: 0, total: 0, outcome: null, result: null, failure: '', downloaded: {} })
    state.step = 'checking'
    await follow(id, mine)
  }

  /** Asks the server to cancel the job; the poll shows it cancelled (nothing written). */
  async function cancel(): Promise<void> {
    if (state.step !== 'checking' || state.jobId === null || state.cancelling) return
    state.cancelling = true
    try {
      await deps.cancel(state.jobId)
    } catch (e) {
      state.cancelling = false
      throw e
    }
  }

  function markDownloaded(name: string): void {
    state.downloaded = { ...state.downloaded, [name]: true }
  }

  /** Back to the upload step for another file (after errors or a cancel). */
  function retry(): void {
    seq++
    Object.assign(state, { step: 'upload', file: null, fileError: '', uploadError: '', uploading: false, jobId: null, jobState: null, checked: 0, total: 0, cancelling: false, outcome: null, result: null, failure: '' })
  }

  /** Back to the first step; stops following any job. */
  function reset(): void {
    retry()
    state.step = 'template'
    state.downloaded = {}
  }

  function dispose(): void {
    seq++
  }

  return { state, toUpload, toTemplate, selectFile, start, cancel, retry, reset, dispose, markDownloaded }
}
