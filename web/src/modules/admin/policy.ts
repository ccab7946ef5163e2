import type { SecurityPolicy } from './api'

// The policy form's fields; the floors (shown beside each) are checked by the server.

export type PolicyField = Exclude<keyof SecurityPolicy, 'version'>

export interface PolicyFieldSpec {
  key: PolicyField
  group: 'password' | 'lock' | 'session'
  unit: string
  max?: number
}

export const POLICY_FIELDS: PolicyFieldSpec[] = [
  { key: 'min_length', group: 'password', unit: 'policy.unitChars', max: 128 },
  { key: 'min_classes', group: 'password', unit: 'policy.unitClasses', max: 4 },
  { key: 'history', group: 'password', unit: 'policy.unitTimes' },
  { key: 'expiry_days', group: 'password', unit: 'policy.unitDays' },
  { key: 'max_failures', group: 'lock', unit: 'policy.unitTimes' },
  { key: 'lockout_minutes', group: 'lock', unit: 'policy.unitMinutes' },
  { key: 'idle_timeout_minutes', group: 'session', unit: 'policy.unitMinutes' },
  { key: 'absolute_timeout_hours', group: 'session', unit: 'policy.unitHours' },
]
