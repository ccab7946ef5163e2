// The one HTTP client of the web UI. JSON in and out, cookies sent, CSRF header on every
// state-changing request, Accept-Language following the UI language, and every error turned
// into an ApiError that forms can spread over their fields.

export const API_BASE = '/api/v1'

export interface FieldError {
  field: string
  message: string
}

export interface ErrorBody {
  error?: { code?: string; message?: string; details?: FieldError[] }
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldError[]
  readonly requestId: string | null

  constructor(status: number, code: string, message: string, details: FieldError[] = [], requestId: string | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.requestId = requestId
  }

  /** The first message for each field: { password: '…' }. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const d of this.details) {
      if (d.field && !(d.field in out)) out[d.field] = d.message
    }
    return out
  }

  get isValidation(): boolean {
    return this.status === 422 || this.status === 400
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export interface ApiHooks {
  /** The session's CSRF token (from login and GET /me). */
  csrfToken(): string | null
  /** The UI language, sent as Accept-Language. */
  locale(): string
  /** 401: the session is gone; clear it and go to the sign-in page. */
  onUnauthenticated(error: ApiError): void
  /** 403 password_change_required: go to the forced password change. */
  onPasswordChangeRequired(error: ApiError): void
  /** Message for a network failure or an unreadable answer, in the UI language. */
  genericMessage(kind: 'network' | 'http', status: number): string
}

const defaultHooks: ApiHooks = {
  csrfToken: () => null,
  locale: () => 'zh-CN',
  onUnauthenticated: () => {},
  onPasswordChangeRequired: () => {},
  genericMessage: (kind, status) => (kind === 'network' ? '无法连接服务器，请检查网络后重试' : `服务器返回错误（${status}）`),
}

let hooks: ApiHooks = { ...defaultHooks }

export function configureApi(h: Partial<ApiHooks>): void {
  hooks = { ...hooks, ...h }
}

export function resetApiHooks(): void {
  hooks = { ...defaultHooks }
}

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** When false, a 401 or a forced-change 403 is only thrown, not acted upon (sign-in, session probe). */
  handleAuth?: boolean
  signal?: AbortSignal
  headers?: Record<string, string>
  /** A body sent as is (an upload) with its own Content-Type, instead of JSON. */
  raw?: { data: Blob | ArrayBuffer | Uint8Array; contentType: string }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Builds `/api/v1/path?query`, leaving out empty values. */
export function buildUrl(path: string, query?: Query): string {
  const base = path.startsWith('/api/') ? path : API_BASE + (path.startsWith('/') ? path : '/' + path)
  if (!query) return base
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)))
    else params.append(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base
}

function headersFor(method: string, hasBody: boolean, extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(hooks.locale()),
    'X-Requested-With': 'XMLHttpRequest',
    ...extra,
  }
  if (hasBody) h['Content-Type'] = 'application/json'
  if (UNSAFE.has(method)) {
    const token = hooks.csrfToken()
    if (token) h['X-CSRF-Token'] = token
  }
  return h
}

/** 'en' → 'en', anything else → 'zh-CN' (the server's default). */
export function acceptLanguage(locale: string): string {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

/** Reads an error answer into an ApiError, whatever its body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id')
  let body: ErrorBody | null = null
  try {
    const text = await res.text()
    body = text ? (JSON.parse(text) as ErrorBody) : null
  } catch {
    body = null
  }
  const err = body?.error
  if (err && typeof err === 'object') {
    const details = Array.isArray(err.details)
      ? err.details.filter((d) => d && typeof d === 'object').map((d) => ({ field: String(d.field ?? ''), message: String(d.message ?? '') }))
      : []
    return new ApiError(res.status, String(err.code ?? `http_${res.status}`), String(err.message ?? hooks.genericMessage('http', res.status)), details, requestId)
  }
  return new ApiError(res.status, `http_${res.status}`, hooks.genericMessage('http', res.status), [], requestId)
}

function react(error: ApiError, options: RequestOptions): void {
  if (options.handleAuth === false) return
  if (error.status === 401) hooks.onUnauthenticated(error)
  else if (error.status === 403 && error.code === 'password_change_required') hooks.onPasswordChangeRequired(error)
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const raw = options.raw
  const hasBody = options.body !== undefined && !raw
  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'include',
      headers: headersFor(method, hasBody, raw ? { ...options.headers, 'Content-Type': raw.contentType } : options.headers),
      body: raw ? (raw.data as BodyInit) : hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'network_error', hooks.genericMessage('network', 0))
  }
  if (!res.ok) {
    const error = await toApiError(res)
    react(error, options)
    throw error
  }
  return res
}

/** Sends a request and returns the parsed JSON answer (undefined for 204 or an empty body). */
export async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(res.status, 'bad_response', hooks.genericMessage('http', res.status))
  }
}

export const api = {
  get: <T = unknown>(path: string, query?: Query, options: RequestOptions = {}) => request<T>('GET', path, { ...options, query }),
  post: <T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('POST', path, { ...options, body }),
  put: <T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PUT', path, { ...options, body }),
  patch: <T = unknown>(path: string, body?: unknown, options: RequestOptions = {}) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = unknown>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, options),
}

/** Sends bytes (a file) as the request body, e.g. an xlsx import; the answer is parsed as JSON. */
export function upload<T = unknown>(path: string, data: Blob | ArrayBuffer | Uint8Array, contentType: string, query?: Query): Promise<T> {
  return request<T>('POST', path, { query, raw: { data, contentType } })
}

/** A list answer: {"items":[…],"total":N}. */
export interface Page<T> {
  items: T[]
  total: number
}

/** The file name from Content-Disposition (RFC 5987 filename* first), or null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : null
}

/**
 * Downloads a file (an export) through fetch so that an error answer becomes an ApiError
 * instead of a page of JSON, then hands the bytes to the browser as a file.
 * Returns the file name used.
 */
export async function download(path: string, query?: Query, fallbackName = 'export'): Promise<string> {
  const res = await send('GET', path, { query, headers: { Accept: '*/*' } })
  const blob = await res.blob()
  const name = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackName
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return name
}
