// The default password policy, checked as the user types (the server decides for real).

export interface PasswordChecks {
  length: boolean
  classes: boolean
  noUsername: boolean
  classCount: number
}

export function passwordChecks(password: string, username: string, minLength = 8, minClasses = 3): PasswordChecks {
  const classCount =
    (/[A-Z]/.test(password) ? 1 : 0) + (/[a-z]/.test(password) ? 1 : 0) + (/[0-9]/.test(password) ? 1 : 0) + (/[^A-Za-z0-9]/.test(password) ? 1 : 0)
  return {
    length: [...password].length >= minLength,
    classes: classCount >= minClasses,
    noUsername: !username || !password.toLowerCase().includes(username.toLowerCase()),
    classCount,
  }
}
