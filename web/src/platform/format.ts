// Display formatters. Money arrives from the API as int64 fen (分), as a JSON number or, when
// it may exceed 2^53, as a string; it is converted with integer (BigInt) arithmetic so that
// nothing drifts, and rounded half up (away from zero, 四舍五入) to the shown precision.

export type FenInput = number | string | bigint | null | undefined

export type MoneyUnit = 'wan' | 'yuan'

/** Shown for a missing or unreadable value. */
export const EMPTY = '—'

const FEN_PER_UNIT: Record<MoneyUnit, bigint> = {
  wan: 1_000_000n, // 1 万元 = 10,000 元 = 1,000,000 分
  yuan: 100n,
}

/** Parses an int64 fen value; null when absent or not an integer. */
export function toFen(value: FenInput): bigint | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return null
    return BigInt(value)
  }
  const s = value.trim()
  if (!/^[+-]?\d+$/.test(s)) return null
  return BigInt(s)
}

/** Groups the digits of a non-negative integer string by thousands: "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Divides `value` by `divisor` and rounds half away from zero to `decimals` places,
 * exactly. Returns the signed decimal string, optionally with thousands separators.
 */
export function divideRounded(value: bigint, divisor: bigint, decimals: number, separators = true): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const scale = 10n ** BigInt(decimals)
  // round(abs * scale / divisor), half up
  const scaled = (abs * scale * 2n + divisor) / (divisor * 2n)
  const intPart = scaled / scale
  const fracPart = scaled % scale
  const intStr = separators ? groupThousands(intPart.toString()) : intPart.toString()
  const fracStr = decimals > 0 ? '.' + fracPart.toString().padStart(decimals, '0') : ''
  const sign = negative && scaled !== 0n ? '-' : ''
  return sign + intStr + fracStr
}

export interface MoneyOptions {
  /** 'wan' (万元, the default) or 'yuan' (元). */
  unit?: MoneyUnit
  /** Decimal places; 2 by default. */
  decimals?: number
  /** Thousands separators; on by default. */
  separators?: boolean
  /** Appends the unit name (万元 / 元). */
  withUnit?: boolean
}

/** Money from fen, in 万元 with 2 decimals by default: 123456789 → "123.46". */
export function formatMoney(fen: FenInput, options: MoneyOptions = {}): string {
  const v = toFen(fen)
  if (v === null) return EMPTY
  const unit = options.unit ?? 'wan'
  const text = divideRounded(v, FEN_PER_UNIT[unit], options.decimals ?? 2, options.separators ?? true)
  if (!options.withUnit) return text
  return text + (unit === 'wan' ? ' 万元' : ' 元')
}

/** Fen → 万元, 2 decimals, thousands separators. */
export function formatWan(fen: FenInput, decimals = 2): string {
  return formatMoney(fen, { unit: 'wan', decimals })
}

/** Fen → 元, 2 decimals, thousands separators: 123456789 → "1,234,567.89". */
export function formatYuan(fen: FenInput): string {
  return formatMoney(fen, { unit: 'yuan' })
}

// China has kept UTC+8 with no daylight saving since 1991, so Asia/Shanghai is a fixed offset
// for every timestamp this system stores.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

function parseTimestamp(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

function shanghaiParts(d: Date) {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS)
  return {
    y: s.getUTCFullYear(),
    mo: pad2(s.getUTCMonth() + 1),
    d: pad2(s.getUTCDate()),
    h: pad2(s.getUTCHours()),
    mi: pad2(s.getUTCMinutes()),
    s: pad2(s.getUTCSeconds()),
  }
}

/** UTC ISO timestamp → "2026-11-27 20:33" in Asia/Shanghai (with seconds on request). */
export function formatDateTime(value: string | number | Date | null | undefined, withSeconds = false): string {
  const d = parseTimestamp(value)
  if (!d) return EMPTY
  const p = shanghaiParts(d)
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}` + (withSeconds ? `:${p.s}` : '')
}

/** A business date ("2026-11-27") stays as is; a timestamp becomes its Asia/Shanghai date. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const d = parseTimestamp(value)
  if (!d) return EMPTY
  const p = shanghaiParts(d)
  return `${p.y}-${p.mo}-${p.d}`
}

/** Today's date in Asia/Shanghai as "YYYY-MM-DD". */
export function shanghaiToday(now: Date = new Date()): string {
  return formatDate(now)
}

/** Calendar days in Asia/Shanghai from `now` to `value`: 0 the same day, negative when past. */
export function daysUntil(value: string | null | undefined, now: Date = new Date()): number | null {
  const d = parseTimestamp(value)
  if (!d) return null
  const day = (x: Date) => Math.floor((x.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000)
  return day(d) - day(now)
}

/** Rounds half away from zero to `decimals` places without binary drift (1.005 → 1.01). */
export function roundHalfUp(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value
  const sign = value < 0 ? -1 : 1
  const shifted = Math.round(Number(Math.abs(value) + 'e' + decimals))
  return sign * Number(shifted + 'e-' + decimals)
}

function fixed(value: number, decimals: number, separators: boolean): string {
  const r = roundHalfUp(value, decimals)
  const text = Math.abs(r).toFixed(decimals)
  const [i, f] = text.split('.')
  const body = (separators ? groupThousands(i) : i) + (f !== undefined ? '.' + f : '')
  return (r < 0 ? '-' : '') + body
}

/** A value already in percent units: 85.456 → "85.46%". */
export function formatPercent(value: number | string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return EMPTY
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(n)) return EMPTY
  return fixed(n, decimals, false) + '%'
}

/** A ratio: 0.85456 → "85.46%". */
export function formatRatio(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY
  // Shift by string exponent, not by multiplication, so 0.145 stays 14.5 exactly.
  const text = String(value)
  const shifted = text.includes('e') ? value * 100 : Number(text + 'e2')
  return formatPercent(shifted, decimals)
}

/** A score or rate stored in hundredths (score_x100): 8550 → "85.50". */
export function formatX100(value: number | string | null | undefined): string {
  const v = toFen(value as FenInput)
  if (v === null) return EMPTY
  return divideRounded(v, 100n, 2, false)
}

/** A plain number with thousands separators and fixed decimals. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY
  return fixed(value, decimals, true)
}

/**
 * Money typed by a user in 万元 (or 元) → fen, exactly (string arithmetic, no float): "123.45" →
 * 123450000 in 万元. Accepts thousands separators and surrounding spaces; at most the decimals a
 * fen allows (6 in 万元, 2 in 元). Returns null for anything else (empty, negative, letters, too
 * many decimals, beyond 2^53 fen).
 */
export function parseMoney(text: string | number | null | undefined, unit: MoneyUnit = 'wan'): number | null {
  if (text === null || text === undefined) return null
  const s = String(text).replace(/[,\s，]/g, '')
  const maxDecimals = unit === 'wan' ? 6 : 2
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[2] ?? '').length > maxDecimals) return null
  const frac = (m[2] ?? '').padEnd(maxDecimals, '0')
  const fen = BigInt(m[1]) * FEN_PER_UNIT[unit] + BigInt(frac || '0')
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null
}

/** Fen → the plain text an input shows in 万元 (or 元): no separators, no trailing zeros ("250", "123.45"). */
export function moneyInput(fen: FenInput, unit: MoneyUnit = 'wan'): string {
  const v = toFen(fen)
  if (v === null) return ''
  const text = divideRounded(v, FEN_PER_UNIT[unit], unit === 'wan' ? 6 : 2, false)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
