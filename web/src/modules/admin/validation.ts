/** username: 3–32 of [a-z0-9_.-], starting with a letter (docs/api-platform.md). */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/

/** A mobile or land-line number: digits with optional +, -, spaces and an extension. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,18}[0-9]$/
