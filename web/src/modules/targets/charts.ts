// The coverage chart: a horizontal bar per department, its projects with approved targets and
// those still without, stacked (ECharts, tree-shaken, through the preassess module's setup).
import { COLORS, shortName, type ChartOption } from '@/modules/preassess/charts'
import type { CoverageRow } from './model'

type Translate = (key: string, params?: Record<string, unknown>) => string

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/** Departments with the most projects on top. */
export function coverageOption(rows: CoverageRow[], t: Translate): ChartOption {
  const list = [...rows].filter((r) => r.projects_needing > 0).sort((a, b) => a.projects_needing - b.projects_needing)
  const names = list.map((r) => shortName(r.department_name))
  return {
    textStyle: { fontFamily: "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif", color: COLORS.text },
    animationDuration: 400,
    grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const items = p as { dataIndex: number }[]
        const r = list[items[0]?.dataIndex ?? 0]
        if (!r) return ''
        const rate = r.rate === null ? '—' : `${r.rate.toFixed(2)}%`
        const drafting = Math.max(0, r.projects_drafted - r.projects_approved)
        return `${escapeHtml(r.department_name)}<br/>${escapeHtml(t('targets.coverage.needing'))}：${r.projects_needing}<br/>${escapeHtml(t('targets.coverage.approved'))}：${r.projects_approved}<br/>${escapeHtml(t('targets.coverage.seriesDrafting'))}：${drafting}<br/>${escapeHtml(t('targets.coverage.rate'))}：${rate}`
      },
    },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: COLORS.line } } },
    yAxis: { type: 'category', data: names, axisTick: { show: false }, axisLine: { lineStyle: { color: COLORS.line } }, axisLabel: { color: COLORS.text } },
    series: [
      {
        name: t('targets.coverage.seriesApproved'),
        type: 'bar',
        stack: 'p',
        barMaxWidth: 18,
        itemStyle: { color: COLORS.support },
        data: list.map((r) => r.projects_approved),
      },
      {
        name: t('targets.coverage.seriesDrafting'),
        type: 'bar',
        stack: 'p',
        barMaxWidth: 18,
        itemStyle: { color: COLORS.adjust },
        data: list.map((r) => Math.max(0, r.projects_drafted - r.projects_approved)),
      },
      {
        name: t('targets.coverage.seriesMissing'),
        type: 'bar',
        stack: 'p',
        barMaxWidth: 18,
        itemStyle: { color: COLORS.primaryLight },
        label: {
          show: true,
          position: 'right',
          color: COLORS.muted,
          formatter: (p: { dataIndex: number }) => {
            const r = list[p.dataIndex]
            return r && r.rate !== null ? `${r.rate.toFixed(0)}%` : ''
          },
        },
        data: list.map((r) => Math.max(0, r.projects_needing - Math.max(r.projects_drafted, r.projects_approved))),
      },
    ],
  }
}
