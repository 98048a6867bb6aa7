import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface ProxySeen {
  /** 'CONNECT host:port' for a tunnel, 'GET http://host:port/path' (without the query) for a forwarded request. */
  line: string
  method: string
  target: string
}

export interface ForwardProxy {
  url: string
  port: number
  seen: ProxySeen[]
  /** Refuse every CONNECT with 502, as a proxy that cannot reach the host does. */
  refuseTunnels: boolean
  close(): Promise<void>
}

/**
 * A small HTTP forward proxy on 127.0.0.1, as corporate proxies behave: it forwards
 * absolute-form requests and opens CONNECT tunnels, and records what it was asked for.
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: ProxySeen[] = []
  const sockets = new Set<Socket>()
  const proxy: ForwardProxy = { url: '', port: 0, seen, refuseTunnels: false, close: () => Promise.resolve() }

  const server: Server = createServer((req: IncomingMessage, res) => {
    const target = new URL(req.url ?? '/')
    seen.push({ line: `${req.method} ${target.origin}${target.pathname}`, method: req.method ?? '', target: target.host })
    const upstream = httpRequest(
      { host: target.hostname, port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? ''
    seen.push({ line: `CONNECT ${target}`, method: 'CONNECT', target })
    if (proxy.refuseTunnels) {
      client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n')
      return
    }
    const [host, port] = [target.replace(/:\d+$/, ''), Number(target.split(':').pop())]
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.port = (server.address() as AddressInfo).port
  proxy.url = `http://127.0.0.1:${proxy.port}`
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
  return proxy
}
