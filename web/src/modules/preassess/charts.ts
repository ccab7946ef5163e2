// ECharts, tree-shaken: only the charts and components these pages draw (bar, line, pie; grid,
// tooltip, legend) and the canvas renderer. Nothing here evaluates code, so it runs under the
// server's CSP (script-src 'self', no eval).
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ComposeOption } from 'echarts/core'
import { formatWan } from '@/platform/format'
import type { AssessedGroup, ByConclusion, ReviewedGroup } from './api'
import { cutRateText, rate2, type Translate } from './model'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/** The app's colours (styles.css, Element Plus status colours). */
export const COLORS = {
  primary: '#1f5fbf',
  primaryLight: '#8fafdf',
  support: '#67c23a',
  adjust: '#e6a23c',
  reject: '#f56c6c',
  rate: '#d4872b',
  text: '#303133',
  muted: '#909399',
  line: '#e4e7ed',
}

const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif"

const base = {
  textStyle: { fontFamily: FONT, color: COLORS.text },
  animationDuration: 400,
}

/** Long names on a category axis: the county prefix dropped, then two balanced lines at most. */
export function wrapName(name: string): string {
  const plain = name.replace(/^(冠县|.{2,3}县)(?=.{2,})/, '')
  if (plain.length <= 7) return plain
  const half = Math.ceil(plain.length / 2)
  const second = plain.slice(half)
  return plain.slice(0, half) + '\n' + (second.length > half ? second.slice(0, half - 1) + '…' : second)
}

/** A name on a crowded, rotated axis: one line of at most 8 characters. */
export function shortName(name: string): string {
  const plain = name.replace(/^(冠县|.{2,3}县)(?=.{2,})/, '')
  return plain.length > 8 ? plain.slice(0, 7) + '…' : plain
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/** 事前评估结论: a doughnut of the three conclusions. */
export function conclusionsOption(by: ByConclusion, t: Translate): ChartOption {
  const unit = t('preassess.stats.unitProjects')
  const all = (['support', 'adjust', 'reject'] as const).map((c) => ({
    name: t(`preassess.conclusion.${c}`),
    value: by[c],
    itemStyle: { color: COLORS[c] },
  }))
  // A conclusion nobody got keeps its legend entry but draws no empty slice with a "0" label.
  const data = all.filter((d) => d.value > 0)
  return {
    ...base,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { name: string; value: number; percent: number }
        return `${escapeHtml(x.name)}：${x.value}${escapeHtml(unit)}（${x.percent}%）`
      },
    },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10, data: all.map((d) => ({ name: d.name, itemStyle: d.itemStyle })) },
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        label: { formatter: (p: { value?: unknown; percent?: number }) => `${String(p.value)}${unit}\n${p.percent}%`, lineHeight: 16 },
        data,
      },
    ],
  }
}

/** 分领域事前评估: bars per sector stacked by conclusion. */
export function assessedBySectorOption(groups: AssessedGroup[], t: Translate): ChartOption {
  const names = groups.map((g) => g.name)
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 28, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, formatter: wrapName, color: COLORS.text } },
    yAxis: { type: 'value', name: t('preassess.stats.charts.projects'), minInterval: 1, splitLine: { lineStyle: { color: COLORS.line } } },
    series: (['support', 'adjust', 'reject'] as const).map((c) => ({
      type: 'bar' as const,
      name: t(`preassess.conclusionShort.${c}`),
      stack: 'conclusion',
      barMaxWidth: 36,
      itemStyle: { color: COLORS[c] },
      data: groups.map((g) => g.by_conclusion[c]),
    })),
  }
}

/** 预算评审 by sector or department: 送审 and 审定 bars (万元), 审减率 as a line on a second axis. */
export function reviewedOption(groups: ReviewedGroup[], t: Translate): ChartOption {
  const wan = (fen: number) => fen / 1_000_000 // axis scale only; labels use the exact text
  const submitted = t('preassess.stats.submitted')
  const approved = t('preassess.stats.approved')
  const rate = t('preassess.stats.cutRate')
  const many = groups.length > 8
  return {
    ...base,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number }[]) : []
        const g = groups[list[0]?.dataIndex ?? -1]
        if (!g) return ''
        const unit = t('preassess.stats.unitWan')
        return [
          `<b>${escapeHtml(g.name)}</b>`,
          `${escapeHtml(submitted)}：${formatWan(g.submitted_fen)} ${escapeHtml(unit)}`,
          `${escapeHtml(approved)}：${formatWan(g.approved_fen)} ${escapeHtml(unit)}`,
          `${escapeHtml(t('preassess.stats.cut'))}：${formatWan(g.cut_fen)} ${escapeHtml(unit)}`,
          `${escapeHtml(rate)}：${rate2(g.cut_rate)}%`,
        ].join('<br/>')
      },
    },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, data: [submitted, approved, rate] },
    grid: { left: 8, right: 8, top: 36, bottom: many ? 64 : 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: groups.map((g) => g.name),
      axisLabel: { interval: 0, formatter: many ? shortName : wrapName, rotate: many ? 40 : 0, color: COLORS.text },
    },
    yAxis: [
      { type: 'value', name: t('preassess.stats.charts.amountWan'), splitLine: { lineStyle: { color: COLORS.line } } },
      { type: 'value', name: t('preassess.stats.charts.ratePct'), min: 0, splitLine: { show: false }, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { type: 'bar', name: submitted, barMaxWidth: 28, itemStyle: { color: COLORS.primaryLight }, data: groups.map((g) => wan(g.submitted_fen)) },
      { type: 'bar', name: approved, barMaxWidth: 28, itemStyle: { color: COLORS.primary }, data: groups.map((g) => wan(g.approved_fen)) },
      {
        type: 'line',
        name: rate,
        yAxisIndex: 1,
        symbolSize: 7,
        itemStyle: { color: COLORS.rate },
        lineStyle: { width: 2 },
        label: { show: !many, position: 'top', formatter: (p: { dataIndex?: number }) => {
            const g = groups[p.dataIndex ?? -1]
            return g ? `${cutRateText(g.cut_fen, g.submitted_fen)}%` : ''
          }, color: COLORS.rate },
        data: groups.map((g) => g.cut_rate),
      },
    ],
  }
}
