import { describe, expect, it } from 'vitest'
import { expandWord, patternRegExp } from './expand'
import { parse, ParseError, tokenize, type Word } from './parse'

const env = {
  vars: { HOME: '/var/home/core', USER: 'core', EMPTY: '', TWO: 'a b' },
  home: () => null,
}
const words = (line: string): string[][] =>
  parse(line).flatMap((a) =>
    [a.first, ...a.rest.map((r) => r.pipeline)].flatMap((p) =>
      p.commands.map((c) => c.words.flatMap((w: Word) => expandWord(w, env, null))),
    ),
  )

function error(line: string): string {
  try {
    parse(line)
  } catch (e) {
    if (e instanceof ParseError) return e.message
    throw e
  }
  return ''
}

describe('parser', () => {
  it('[parse] splits words on blanks and keeps quoted blanks', () => {
    expect(words(`ls -l  "a b" 'c  d' e\\ f`)).toEqual([['ls', '-l', 'a b', 'c  d', 'e f']])
  })

  it('[parse] single quotes keep $ and backslashes; double quotes expand $VAR', () => {
    expect(words(`echo '$HOME \\n' "$HOME" "\\$USER" \${USER}x`)).toEqual([
      ['echo', '$HOME \\n', '/var/home/core', '$USER', 'corex'],
    ])
  })

  it('[parse] an unquoted variable splits on blanks and an empty one disappears; "" stays', () => {
    expect(words('echo $TWO $EMPTY "" "$EMPTY"')).toEqual([['echo', 'a', 'b', '', '']])
  })

  it('[parse] ~ expands to the home directory only unquoted at the start of a word', () => {
    expect(words(`echo ~ ~/x '~' a~`)).toEqual([
      ['echo', '/var/home/core', '/var/home/core/x', '~', 'a~'],
    ])
  })

  it('[parse] ; && || | build lists, and-or chains and pipelines', () => {
    const script = parse('a; b && c || d | e')
    expect(script).toHaveLength(2)
    expect(script[1]?.rest.map((r) => r.op)).toEqual(['&&', '||'])
    expect(script[1]?.rest[1]?.pipeline.commands).toHaveLength(2)
  })

  it('[parse] redirections: >, >>, 2>, 2>&1, <, &>', () => {
    const [cmd] = parse('ls >a 2>>b 2>&1 <c &>d')[0]!.first.commands
    expect(cmd?.redirects.map((r) => [r.fd, r.op, r.target.raw])).toEqual([
      [1, '>', 'a'],
      [2, '>>', 'b'],
      [2, '>&', '1'],
      [0, '<', 'c'],
      [1, '>', 'd'],
      [2, '>&', '1'],
    ])
  })

  it('[parse] NAME=value before the command is an assignment; # starts a comment', () => {
    const [cmd] = parse('X=1 ls # not this')[0]!.first.commands
    expect(cmd?.assigns.map((a) => a.name)).toEqual(['X'])
    expect(cmd?.words.map((w) => w.raw)).toEqual(['ls'])
  })

  it("[parse] errors read like bash's", () => {
    expect(error('| ls')).toBe("bash: syntax error near unexpected token `|'")
    expect(error('ls ;;')).toBe("bash: syntax error near unexpected token `;;'")
    expect(error('ls >')).toBe("bash: syntax error near unexpected token `newline'")
    expect(error('ls > ;')).toBe("bash: syntax error near unexpected token `;'")
    expect(error('ls || ; ls')).toBe("bash: syntax error near unexpected token `;'")
    expect(error('ls |')).toBe('bash: syntax error: unexpected end of file')
    expect(error('ls &&')).toBe('bash: syntax error: unexpected end of file')
    expect(error("echo 'abc")).toBe("bash: unexpected EOF while looking for matching `''")
    expect(error('echo "abc')).toBe('bash: unexpected EOF while looking for matching `"\'')
    expect(error('echo ${')).toBe("bash: unexpected EOF while looking for matching `}'")
    expect(error('echo ${a b}')).toBe('bash: ${a b}: bad substitution')
  })

  it('[parse] unsupported syntax is refused with a message, never an exception', () => {
    for (const line of ['echo $(ls)', 'echo `ls`', 'ls &', 'cat <<EOF', '(ls)'])
      expect(error(line)).toMatch(/^bash: /)
  })

  it('[parse] tokenize marks the descriptor of 2> and leaves a spaced 2 as a word', () => {
    expect(
      tokenize('echo 2>x').map((t) => (t.kind === 'op' ? `${t.fd ?? ''}${t.op}` : t.kind)),
    ).toEqual(['word', '2>', 'word', 'end'])
    expect(tokenize('echo 2 > x').filter((t) => t.kind === 'word')).toHaveLength(3)
  })
})

describe('glob patterns', () => {
  it('[glob] * ? [..] [!..] and classes, escapes literal', () => {
    const m = (p: string, s: string): boolean => patternRegExp(p).test(s)
    expect(m('*.conf', 'a.conf')).toBe(true)
    expect(m('?.c', 'ab.c')).toBe(false)
    expect(m('[ab]*', 'bx')).toBe(true)
    expect(m('[!ab]*', 'bx')).toBe(false)
    expect(m('[[:digit:]]x', '7x')).toBe(true)
    expect(m('\\*', '*')).toBe(true)
    expect(m('\\*', 'a')).toBe(false)
    expect(m('[', '[')).toBe(true)
  })
})
