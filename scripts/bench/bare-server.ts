import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

// The baseline host: a bare Node http server for a folder of static files, nothing else. Prints
// its URL as the first line, like `token-desk serve`, and runs until SIGTERM.
const root = process.argv[2]
if (!root) throw new Error('usage: bare-server.js <folder>')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://bare.invalid').pathname
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  if (!file.startsWith(root)) {
    res.writeHead(404).end()
    return
  }
  readFile(file).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  )
})

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
