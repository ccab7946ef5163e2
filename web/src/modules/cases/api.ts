import { api, download, type Page } from '@/platform/api'
import type { Case, CaseState, Conclusion, Cutoffs, ExpertRef, Reviewer, ReviewLine, ThirdParty } from './model'

// The 评估评审 case API (docs/api-projects.md; shapes as src/modules/projects/service.cpp sends them).

export interface AssignInput {
  lead_user_id: number | null
  reviewer_user_ids: number[]
  expert_ids: number[]
  third_party_org_id: number | null
  rescore?: boolean
  version: number
}

export interface SheetInput {
  expert_id?: number
  ratings: Record<string, string>
  comments: Record<string, string>
  veto: boolean
  veto_dimension?: string
  veto_reason: string
  opinion: string
  submit: boolean
}

export interface ConcludeInput {
  veto_confirmed: boolean
  opinion: string
  version: number
  result?: Conclusion
}

export interface RefItem {
  code: string
  name: string
}

export interface SettingAnswer<T> {
  key: string
  year: number
  value: T
  version: number
}

const refCache = new Map<string, Promise<Map<string, string>>>()

export const casesApi = {
  list: (state: CaseState | '' | undefined, page: number, pageSize: number) =>
    api.get<Page<Case>>('/cases', { state: state || undefined, page, page_size: pageSize }),
  get: (id: number) => api.get<Case>(`/cases/${id}`),
  assign: (id: number, body: AssignInput) => api.post<Case>(`/cases/${id}/assign`, body),
  saveSheet: (id: number, body: SheetInput) => api.put<Case>(`/cases/${id}/sheet`, body),
  saveReview: (id: number, lines: ReviewLine[], version: number) => api.put<Case>(`/cases/${id}/review`, { lines, version }),
  conclude: (id: number, body: ConcludeInput) => api.post<Case>(`/cases/${id}/conclude`, body),
  reviewers: () => api.get<Page<Reviewer>>('/cases/reviewers'),
  experts: (q: string, field: string) =>
    api.get<Page<ExpertRef>>('/org/experts', { q: q || undefined, field: field || undefined, status: 'active', page_size: 200 }),
  thirdParties: () => api.get<Page<ThirdParty>>('/org/units', { kind: 'third_party', status: 'active', page_size: 200 }),
  cutoffs: (year: number) => api.get<SettingAnswer<Cutoffs>>('/projects/settings/preassess_cutoffs', { year }),
  reportDocx: (id: number) => download(`/cases/${id}/report.docx`, undefined, '事前绩效评估报告.docx'),
  sheetsXlsx: (id: number) => download(`/cases/${id}/sheets.xlsx`, undefined, '专家评分表.xlsx'),
  attachment: (projectId: number, attId: number, name: string) => download(`/projects/${projectId}/attachments/${attId}`, undefined, name),
  /** The name of one code of a big kind (func_class), looked up by search. */
  async refName(kind: string, code: string, year?: number): Promise<string> {
    if (!code) return ''
    try {
      const a = await api.get<Page<RefItem>>(`/ref/${kind}`, { q: code, year, page_size: 50 })
      return a.items.find((i) => i.code === code)?.name ?? ''
    } catch {
      return ''
    }
  },
  /** Code → name of a reference-data kind (project_category, sector, funding_source, budget_type), cached. */
  refNames(kind: string, year?: number): Promise<Map<string, string>> {
    const key = `${kind}:${year ?? ''}`
    let p = refCache.get(key)
    if (!p) {
      p = api
        .get<Page<RefItem>>(`/ref/${kind}`, { year, page_size: 200 })
        .then((a) => new Map((a.items ?? []).map((i) => [i.code, i.name])))
        .catch(() => {
          refCache.delete(key)
          return new Map<string, string>()
        })
      refCache.set(key, p)
    }
    return p
  },
}
