import { createReadStream } from 'node:fs'
import { UsageError } from './errors'

const MAX_INPUT = 64 * 1024

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > MAX_INPUT) throw new UsageError('The input is too large to be a token (more than 64 KiB).')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const checked = (line: string): string => {
  const token = line.trim()
  if (!token) throw new UsageError('No token given: the first line of the input is empty.')
  if (!/^[\x21-\x7e]{10,4096}$/.test(token)) throw new UsageError('That does not look like an access token (expected 10 to 4096 printable characters, no spaces).')
  return token
}

/**
 * One line of standard input, read when asked for (a token the person gets only now), from a
 * terminal or a pipe. A terminal does not show what is pasted.
 */
export async function readLineToken(stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown }): Promise<string> {
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === 'function'
  if (raw) stdin.setRawMode?.(true)
  let text = ''
  try {
    for await (const chunk of stdin) {
      text += typeof chunk === 'string' ? chunk : (chunk).toString('utf8')
      if (text.length > MAX_INPUT) throw new UsageError('The input is too large to be a token (more than 64 KiB).')
      if (raw && text.includes('\u0003')) throw new UsageError('Stopped: no token was given.')
      if (/[\r\n]/.test(text)) break
    }
  } finally {
    if (raw) stdin.setRawMode?.(false)
  }
  return checked(text.split(/\r?\n|\r/)[0] ?? '')
}

/**
 * The token comes from the first line of standard input or of --token-file, never from the
 * command line, where other users of the machine could read it in the process list.
 */
export async function readToken(opts: { tokenFile?: string; stdin: NodeJS.ReadableStream & { isTTY?: boolean } }): Promise<string> {
  let text: string
  if (opts.tokenFile) {
    // Streamed under the same cap as standard input: /dev/zero or a huge file is refused after
    // 64 KiB, not read whole into memory (issue 20, item 10).
    try {
      text = await readAll(createReadStream(opts.tokenFile))
    } catch (error) {
      if (error instanceof UsageError) throw error
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new UsageError(`Cannot read the token file (${code}).`)
    }
  } else {
    if (opts.stdin.isTTY) throw new UsageError('Pass the token on standard input (for example: token-desk inspect < token.txt) or with --token-file PATH.')
    text = await readAll(opts.stdin)
  }
  return checked(text.split(/\r?\n/)[0] ?? '')
}
