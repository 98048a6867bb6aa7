import { readFile } from 'node:fs/promises'
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

/**
 * The token comes from the first line of standard input or of --token-file, never from the
 * command line, where other users of the machine could read it in the process list.
 */
export async function readToken(opts: { tokenFile?: string; stdin: NodeJS.ReadableStream & { isTTY?: boolean } }): Promise<string> {
  let text: string
  if (opts.tokenFile) {
    try {
      text = await readFile(opts.tokenFile, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new UsageError(`Cannot read the token file (${code}).`)
    }
  } else {
    if (opts.stdin.isTTY) throw new UsageError('Pass the token on standard input (for example: token-desk inspect < token.txt) or with --token-file PATH.')
    text = await readAll(opts.stdin)
  }
  const token = (text.split(/\r?\n/)[0] ?? '').trim()
  if (!token) throw new UsageError('No token given: the first line of the input is empty.')
  if (!/^[\x21-\x7e]{10,4096}$/.test(token)) throw new UsageError('That does not look like an access token (expected 10 to 4096 printable characters, no spaces).')
  return token
}
