import { describe, expect, it } from 'vitest'
import {
  daysUntil,
  divideRounded,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  formatRatio,
  formatWan,
  formatX100,
  formatYuan,
  roundHalfUp,
  toFen,
} from '../format'

describe('money from fen', () => {
  it('shows 万元 with 2 decimals by default', () => {
    // 123,456,789 分 = 1,234,567.89 元 = 123.456789 万元
    expect(formatWan(123456789)).toBe('123.46')
    expect(formatMoney(123456789)).toBe('123.46')
  })

  it('shows 元 on request, with thousands separators', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89')
    expect(formatMoney(123456789, { unit: 'yuan' })).toBe('1,234,567.89')
    expect(formatMoney(5, { unit: 'yuan', withUnit: true })).toBe('0.05 元')
    expect(formatMoney(1_000_000, { withUnit: true })).toBe('1.00 万元')
  })

  it('rounds half up exactly at the boundary', () => {
    expect(formatWan(4999)).toBe('0.00') // 0.004999 万元
    expect(formatWan(5000)).toBe('0.01') // 0.005 万元 → up
    expect(formatWan(15000)).toBe('0.02') // 0.015 (binary floats would give 0.01)
    expect(formatWan(1_004_999)).toBe('1.00')
    expect(formatWan(1_005_000)).toBe('1.01')
    expect(formatWan(0)).toBe('0.00')
  })

  it('rounds negatives away from zero and never shows -0.00', () => {
    expect(formatWan(-5000)).toBe('-0.01')
    expect(formatWan(-4999)).toBe('0.00')
    expect(formatYuan(-123456789)).toBe('-1,234,567.89')
    expect(formatWan(-1_234_567_890_000)).toBe('-1,234,567.89')
  })

  it('is exact for values beyond 2^53 given as strings', () => {
    // 9,223,372,036,854,775,807 分: the int64 maximum
    expect(formatYuan('9223372036854775807')).toBe('92,233,720,368,547,758.07')
    expect(formatWan('9223372036854775807')).toBe('9,223,372,036,854.78')
    expect(formatWan('-9223372036854775808')).toBe('-9,223,372,036,854.78')
  })

  it('accepts numbers, numeric strings and bigint alike, and rejects the rest', () => {
    expect(formatWan('123456789')).toBe('123.46')
    expect(formatWan(' +123456789 ')).toBe('123.46')
    expect(formatWan(123456789n)).toBe('123.46')
    expect(formatWan(null)).toBe('—')
    expect(formatWan(undefined)).toBe('—')
    expect(formatWan('12.5')).toBe('—')
    expect(formatWan('abc')).toBe('—')
    expect(formatWan(1.5)).toBe('—')
    expect(toFen('007')).toBe(7n)
  })

  it('supports other precisions and plain digits', () => {
    expect(formatWan(123456789, 4)).toBe('123.4568')
    expect(formatMoney(123456789012, { unit: 'yuan', separators: false })).toBe('1234567890.12')
    expect(divideRounded(5n, 10n, 0)).toBe('1')
    expect(divideRounded(-5n, 10n, 0)).toBe('-1')
  })
})

describe('dates in Asia/Shanghai', () => {
  it('shows a UTC timestamp in Beijing time', () => {
    expect(formatDateTime('2026-11-27T12:33:21.123Z')).toBe('2026-11-27 20:33')
    expect(formatDateTime('2026-11-27T12:33:21.123Z', true)).toBe('2026-11-27 20:33:21')
  })

  it('crosses midnight and year ends correctly', () => {
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00')
    expect(formatDate('2026-12-31T15:59:59.999Z')).toBe('2026-12-31')
    expect(formatDate('2026-12-31T16:00:00.000Z')).toBe('2027-01-01')
  })

  it('keeps a business date as is and handles missing values', () => {
    expect(formatDate('2026-11-27')).toBe('2026-11-27')
    expect(formatDateTime(null)).toBe('—')
    expect(formatDateTime('not a date')).toBe('—')
  })

  it('counts calendar days in Beijing time until a timestamp', () => {
    const now = new Date('2026-11-27T00:00:00Z') // 08:00 in Beijing
    expect(daysUntil('2026-12-07T00:00:00Z', now)).toBe(10)
    expect(daysUntil('2026-12-06T23:59:00Z', now)).toBe(10) // 07:59 on 12-07 in Beijing
    expect(daysUntil('2026-11-27T15:59:00Z', now)).toBe(0) // 23:59 the same day
    expect(daysUntil('2026-11-27T16:00:00Z', now)).toBe(1) // midnight: tomorrow
    expect(daysUntil('2026-11-26T00:00:00Z', now)).toBe(-1)
    expect(daysUntil(null, now)).toBeNull()
  })
})

describe('percentages', () => {
  it('shows 2 decimals, half up, without float drift', () => {
    expect(formatPercent(85.456)).toBe('85.46%')
    expect(formatPercent(1.005)).toBe('1.01%')
    expect(formatPercent(100)).toBe('100.00%')
    expect(formatPercent(-2.345)).toBe('-2.35%')
    expect(formatPercent('14.3')).toBe('14.30%')
    expect(formatPercent(null)).toBe('—')
  })

  it('shows ratios and hundredths', () => {
    expect(formatRatio(0.143)).toBe('14.30%')
    expect(formatRatio(0.00145)).toBe('0.15%')
    expect(formatX100(8550)).toBe('85.50')
    expect(formatX100(5999)).toBe('59.99')
    expect(roundHalfUp(2.675, 2)).toBe(2.68)
  })
})
