// Quiets async-validator's own console warning for each failed rule (Element Plus form
// validation); every other warning still shows.
const warn = console.warn.bind(console)
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('async-validator:')) return
  warn(...args)
}
