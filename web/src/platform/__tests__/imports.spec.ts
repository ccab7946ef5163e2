import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureApi, resetApiHooks } from '../api'
import {
  MAX_IMPORT_BYTES, XLSX_TYPE, fileProblem, jobFiles, outcomeOf, percentOf, uploadErrorMessage, uploadImport, useImportFlow, type ImportDeps, type Job,
} from '../imports'

function job(over: Partial<Job>): Job {
  return {
    id: 7, kind: 'org.import', state: 'running', progress: 0, total: 0, message: '', result: null, error: '',
    created_at: '2026-11-27T10:00:00Z', started_at: null, finished_at: null, ...over,
  }
}

const xlsx = (name = 'orgs.xlsx', size = 2048) => ({ name, size, raw: new Blob([new Uint8Array(size)]) })

/** Deps whose job() answers the given jobs in turn (the last one repeats). */
function deps(jobs: (Job | Error)[], over: Partial<ImportDeps> = {}) {
  let i = 0
  const d = {
    upload: vi.fn(async (_file: Blob) => 7),
    job: vi.fn(async (_id: number) => {
      const j = jobs[Math.min(i++, jobs.length - 1)]
      if (j instanceof Error) throw j
      return j
    }),
    cancel: vi.fn(async (_id: number): Promise<unknown> => undefined),
    sleep: vi.fn(async (_ms: number) => {}),
  }
  return Object.assign(d, over) as typeof d
}

describe('file checks in the browser', () => {
  it('takes an .xlsx of at most 5 MB and says why anything else is refused, in Chinese', () => {
    expect(fileProblem({ name: '机构.xlsx', size: 10 })).toBeNull()
    expect(fileProblem({ name: 'A.XLSX', size: MAX_IMPORT_BYTES })).toBeNull()
    expect(fileProblem({ name: '机构.xls', size: 10 })).toContain('不是 xlsx 文件')
    expect(fileProblem({ name: '机构.csv', size: 10 })).toContain('.xlsx')
    expect(fileProblem({ name: 'big.xlsx', size: MAX_IMPORT_BYTES + 1 })).toContain('超过 5 MB')
    expect(fileProblem({ name: 'empty.xlsx', size: 0 })).toContain('文件为空')
    expect(fileProblem(null)).toContain('请选择')
  })

  it('percent of rows checked, whole and capped', () => {
    expect(percentOf(0, 0)).toBe(0)
    expect(percentOf(5, 0)).toBe(0)
    expect(percentOf(1, 3)).toBe(33)
    expect(percentOf(3, 3)).toBe(100)
    expect(percentOf(4, 3)).toBe(100)
  })
})

describe('what a finished job means', () => {
  it('succeeded without errors is success; with errors it wrote nothing; cancelled and failed as such', () => {
    expect(outcomeOf(job({ state: 'queued' }))).toBeNull()
    expect(outcomeOf(job({ state: 'running' }))).toBeNull()
    expect(outcomeOf(job({ state: 'succeeded', result: { total: 3, written: 3, error_count: 0, errors: [] } }))).toBe('success')
    expect(outcomeOf(job({ state: 'succeeded', result: { total: 3, written: 0, error_count: 2, errors: [] } }))).toBe('errors')
    expect(outcomeOf(job({ state: 'succeeded', result: { errors: [{ row: 2, column: '名称', message: '必填' }] } }))).toBe('errors')
    expect(outcomeOf(job({ state: 'succeeded', result: { cancelled: true, error_count: 0 } }))).toBe('cancelled')
    expect(outcomeOf(job({ state: 'cancelled' }))).toBe('cancelled')
    expect(outcomeOf(job({ state: 'failed', error: 'boom' }))).toBe('failed')
  })

  it('reads result.files as names or objects', () => {
    expect(jobFiles({ files: ['errors.xlsx', { name: 'passwords.xlsx', once: true }, null, { title: 'x' }] as never })).toEqual([
      { name: 'errors.xlsx' },
      { name: 'passwords.xlsx', once: true },
    ])
    expect(jobFiles(null)).toEqual([])
  })

  it('explains 413 and 422 answers of the upload in Chinese', () => {
    expect(uploadErrorMessage(new ApiError(413, 'payload_too_large', 'too large'))).toContain('5 MB')
    const e422 = new ApiError(422, 'validation_failed', '提交的数据有误，请检查标出的字段', [{ field: 'file', message: '请上传填好的 xlsx 文件' }])
    expect(uploadErrorMessage(e422)).toBe('文件未通过检查：请上传填好的 xlsx 文件')
    expect(uploadErrorMessage(new ApiError(422, 'validation_failed', '不是有效的 xlsx 文件'))).toBe('文件未通过检查：不是有效的 xlsx 文件')
    expect(uploadErrorMessage(new ApiError(403, 'forbidden', 'x'))).toContain('没有导入')
  })
})

describe('the wizard state machine', () => {
  it('template → upload → checking (polled, progress) → result: 已导入', async () => {
    const d = deps([
      job({ state: 'queued' }),
      job({ state: 'running', progress: 1, total: 3 }),
      job({ state: 'running', progress: 2, total: 3 }),
      job({ state: 'succeeded', progress: 3, total: 3, result: { total: 3, written: 3, cancelled: false, error_count: 0, errors: [], files: [] } }),
    ])
    const f = useImportFlow(d)
    expect(f.state.step).toBe('template')
    f.toUpload()
    expect(f.state.step).toBe('upload')
    expect(f.selectFile(xlsx())).toBe(true)
    const seen: string[] = []
    d.sleep.mockImplementation(async () => void seen.push(`${f.state.step}:${f.state.checked}/${f.state.total}`))
    await f.start()
    expect(d.upload).toHaveBeenCalledTimes(1)
    expect(d.job).toHaveBeenCalledTimes(4)
    expect(d.job).toHaveBeenCalledWith(7)
    expect(seen).toEqual(['checking:0/0', 'checking:1/3', 'checking:2/3'])
    expect(f.state.step).toBe('result')
    expect(f.state.outcome).toBe('success')
    expect(f.state.result?.written).toBe(3)
  })

  it('polls every 500 ms by default', async () => {
    const d = deps([job({ state: 'running' }), job({ state: 'succeeded', result: { total: 1, written: 1, error_count: 0 } })])
    const f = useImportFlow(d)
    f.selectFile(xlsx())
    await f.start()
    expect(d.sleep).toHaveBeenCalledWith(500)
  })

  it('a refused file never reaches the server', async () => {
    const d = deps([])
    const f = useImportFlow(d)
    f.toUpload()
    expect(f.selectFile(xlsx('orgs.xls'))).toBe(false)
    expect(f.state.fileError).toContain('不是 xlsx')
    expect(f.selectFile(xlsx('orgs.xlsx', MAX_IMPORT_BYTES + 1))).toBe(false)
    expect(f.state.fileError).toContain('5 MB')
    await f.start()
    expect(d.upload).not.toHaveBeenCalled()
    expect(f.state.step).toBe('upload')
  })

  it('errors: the first 1000 rows of the list, the count, nothing written, the files', async () => {
    const errors = Array.from({ length: 1200 }, (_, i) => ({ row: i + 2, column: '名称', message: '必填' }))
    const d = deps([job({ state: 'succeeded', progress: 1200, total: 1200, result: { total: 1200, written: 0, cancelled: false, error_count: 1500, errors, files: [{ name: 'errors.xlsx', title: '错误报告' }] } })])
    const f = useImportFlow(d)
    f.selectFile(xlsx())
    await f.start()
    expect(f.state.outcome).toBe('errors')
    expect(f.state.result?.errors).toHaveLength(1000)
    expect(f.state.result?.error_count).toBe(1500)
    expect(f.state.result?.files.map((x) => x.name)).toEqual(['errors.xlsx'])
    f.retry()
    expect(f.state.step).toBe('upload')
    expect(f.state.file).toBeNull()
    expect(f.state.result).toBeNull()
  })

  it('cancel asks the server and the poll ends on the cancelled job', async () => {
    const jobs: Job[] = [job({ state: 'running', progress: 1, total: 10 })]
    const d = deps(jobs)
    const f = useImportFlow(d)
    f.selectFile(xlsx())
    let cancelled: Promise<void> | null = null
    d.sleep.mockImplementation(async () => {
      if (!cancelled) {
        cancelled = f.cancel()
        jobs.push(job({ state: 'cancelled', progress: 1, total: 10 }))
      }
    })
    await f.start()
    await cancelled
    expect(d.cancel).toHaveBeenCalledWith(7)
    expect(f.state.outcome).toBe('cancelled')
    expect(f.state.step).toBe('result')
    expect(f.state.cancelling).toBe(false)
  })

  it('413 and 422 of the upload stay on the upload step with the message', async () => {
    const f1 = useImportFlow(deps([], { upload: vi.fn(async () => { throw new ApiError(413, 'payload_too_large', 'x') }) }))
    f1.toUpload()
    f1.selectFile(xlsx())
    await f1.start()
    expect(f1.state.step).toBe('upload')
    expect(f1.state.uploadError).toContain('超过 5 MB')
    expect(f1.state.uploading).toBe(false)

    const f2 = useImportFlow(deps([], { upload: vi.fn(async () => { throw new ApiError(422, 'validation_failed', '文件不是有效的 xlsx') }) }))
    f2.toUpload()
    f2.selectFile(xlsx())
    await f2.start()
    expect(f2.state.uploadError).toBe('文件未通过检查：文件不是有效的 xlsx')
    // Choosing another file clears the message.
    f2.selectFile(xlsx('b.xlsx'))
    expect(f2.state.uploadError).toBe('')
  })

  it('a failed job shows its error; lost answers are retried, a 404 ends the follow', async () => {
    const f = useImportFlow(deps([new ApiError(0, 'network_error', 'offline'), job({ state: 'failed', error: '数据库不可用' })]))
    f.selectFile(xlsx())
    await f.start()
    expect(f.state.outcome).toBe('failed')
    expect(f.state.failure).toBe('数据库不可用')

    const g = useImportFlow(deps([new ApiError(404, 'not_found', '任务不存在或无权访问')]))
    g.selectFile(xlsx())
    await g.start()
    expect(g.state.outcome).toBe('failed')
    expect(g.state.failure).toBe('任务不存在或无权访问')
  })

  it('user import: passwords.xlsx is listed and marked once downloaded', async () => {
    const f = useImportFlow(deps([job({ state: 'succeeded', result: { total: 2, written: 2, error_count: 0, errors: [], files: [{ name: 'passwords.xlsx', once: true }] } })]))
    f.selectFile(xlsx('users.xlsx'))
    await f.start()
    expect(f.state.outcome).toBe('success')
    expect(f.state.result?.files[0]).toMatchObject({ name: 'passwords.xlsx', once: true })
    f.markDownloaded('passwords.xlsx')
    expect(f.state.downloaded['passwords.xlsx']).toBe(true)
    f.reset()
    expect(f.state.step).toBe('template')
    expect(f.state.downloaded).toEqual({})
  })

  it('dispose stops following the job', async () => {
    const d = deps([job({ state: 'running' })])
    const f = useImportFlow(d)
    f.selectFile(xlsx())
    d.sleep.mockImplementation(async () => f.dispose())
    await f.start()
    expect(d.job).toHaveBeenCalledTimes(1)
    expect(f.state.step).toBe('checking')
  })
})

describe('the upload request', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ job_id: 42 }), { status: 202, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', fetchMock)
    resetApiHooks()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('posts the raw bytes as xlsx with the CSRF header and answers the job id', async () => {
    configureApi({ csrfToken: () => 'tok' })
    const blob = new Blob([new Uint8Array([80, 75, 3, 4])])
    expect(await uploadImport('/api/v1/org/import?type=orgs', blob)).toBe(42)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/v1/org/import?type=orgs')
    expect(init.method).toBe('POST')
    expect(init.body).toBe(blob)
    expect(init.headers['Content-Type']).toBe(XLSX_TYPE)
    expect(init.headers['X-CSRF-Token']).toBe('tok')
  })
})
