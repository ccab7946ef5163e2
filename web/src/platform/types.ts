// Wire types of the platform API (docs/api-platform.md).

export interface RoleRef {
  code: string
  name: string
}

export interface MenuNode {
  key: string
  title: string
  title_en?: string | null
  icon?: string | null
  path?: string | null
  children?: MenuNode[] | null
}

export interface Me {
  id: number
  username: string
  display_name: string
  org_id: number | null
  roles: RoleRef[]
  permissions: string[]
  must_change_password: boolean
  password_expires_at: string | null
  csrf_token?: string
  menu: MenuNode[]
}

export interface LoginAnswer {
  user: Me
  csrf_token: string
}

export interface Meta {
  version: string
  years: number[]
  current_year: number
  demo?: boolean
}

export interface TodoAction {
  code: string
  label: string
}

export interface TodoItem {
  doc_type: string
  doc_type_label?: string
  doc_id: string | number
  title: string
  state: string
  state_label: string
  actions: TodoAction[]
  updated_at: string
}

/** One step of a document's workflow history, as every module sends it (workflow::history_json). */
export interface WorkflowStep {
  id?: number
  /** "" for the creation */
  from_state: string
  to_state: string
  action: string
  actor_id?: number
  /** the account's user name, as recorded */
  actor_name: string
  /** the account's name now; "" when the account is gone */
  actor_display_name?: string
  comment: string
  at: string
}

/** Who took a step: the person's name with the account, or the account alone. */
export function actorLabel(s: Pick<WorkflowStep, 'actor_name' | 'actor_display_name'>): string {
  const name = s.actor_display_name?.trim()
  if (!name || name === s.actor_name) return s.actor_name
  return s.actor_name ? `${name}（${s.actor_name}）` : name
}
