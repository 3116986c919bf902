/**
 * Option parsing as GNU getopt_long does it: short options cluster (`-li`), a short option's value
 * may be glued (`-n5`) or next (`-n 5`), long options take `--name=value` or `--name value`, `--`
 * ends the options, and options may follow operands (permutation). Errors carry getopt's text.
 */

export interface OptSpec {
  /** Short letters; a letter followed by `:` takes a value. */
  short: string
  /** Long names, each mapped to its short letter (or to itself) and whether it takes a value. */
  long?: Record<string, { key: string; value: boolean | 'optional' }>
  /** Stop at the first operand (for `sudo`, whose operands are a command line). */
  stopAtOperand?: boolean
}

export interface Parsed {
  /** Options in order, as `[key, value]`; a flag's value is ''. */
  opts: [string, string][]
  operands: string[]
}

export type OptResult = Parsed | { error: string }

export function getopt(name: string, args: string[], spec: OptSpec): OptResult {
  const opts: [string, string][] = []
  const operands: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const given = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
      const names = Object.keys(spec.long ?? {})
      const exact = names.find((n) => n === given)
      const prefixed = names.filter((n) => n.startsWith(given))
      const match = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined)
      if (match === undefined) {
        if (prefixed.length > 1)
          return {
            error: `${name}: option '${arg}' is ambiguous; possibilities:${prefixed.map((p) => ` '--${p}'`).join('')}`,
          }
        return { error: `${name}: unrecognized option '${arg}'` }
      }
      const def = (spec.long ?? {})[match] as { key: string; value: boolean | 'optional' }
      if (def.value === 'optional') {
        opts.push([def.key, eq >= 0 ? arg.slice(eq + 1) : ''])
      } else if (def.value) {
        if (eq >= 0) opts.push([def.key, arg.slice(eq + 1)])
        else if (i + 1 < args.length) opts.push([def.key, args[++i] as string])
        else return { error: `${name}: option '--${match}' requires an argument` }
      } else {
        if (eq >= 0) return { error: `${name}: option '--${match}' doesn't allow an argument` }
        opts.push([def.key, ''])
      }
      continue
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] as string
        const at = spec.short.indexOf(letter)
        if (at < 0 || letter === ':') return { error: `${name}: invalid option -- '${letter}'` }
        if (spec.short[at + 1] === ':') {
          const rest = arg.slice(j + 1)
          if (rest !== '') opts.push([letter, rest])
          else if (i + 1 < args.length) opts.push([letter, args[++i] as string])
          else return { error: `${name}: option requires an argument -- '${letter}'` }
          break
        }
        opts.push([letter, ''])
      }
      continue
    }
    operands.push(arg)
    if (spec.stopAtOperand === true) {
      operands.push(...args.slice(i + 1))
      break
    }
  }
  return { opts, operands }
}

export function has(parsed: Parsed, key: string): boolean {
  return parsed.opts.some(([k]) => k === key)
}

/** The last value given for an option. */
export function value(parsed: Parsed, key: string): string | undefined {
  let out: string | undefined
  for (const [k, v] of parsed.opts) if (k === key) out = v
  return out
}

export function values(parsed: Parsed, key: string): string[] {
  return parsed.opts.filter(([k]) => k === key).map(([, v]) => v)
}
