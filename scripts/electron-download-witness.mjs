// Loaded with `node --import` into Electron's installer by ensure-electron.mjs. The installer
// (@electron/get's FetchDownloader, node_modules/@electron/get/dist/FetchDownloader.js) uses the
// global fetch and prints only `err.stack` on failure, and fetch's own message is "fetch failed":
// the address it tried and the system error are in the error's `cause`, which nobody prints.
// This writes them, one line marked for ensure-electron.mjs, before the failure goes on as it was.
export const MARK = 'token-desk-download-failed '

const original = globalThis.fetch

/** A mirror address may carry a user name and password: never print them. */
export const withoutCredentials = (text) => String(text).replace(/(\w+:\/\/)[^/@\s]+@/g, '$1')

/** "connect ECONNREFUSED 127.0.0.1:9", "getaddrinfo ENOTFOUND host", or the error's own words. */
function reason(error) {
  let found = error instanceof Error ? error.message : String(error)
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    // Node reports a refused dual-stack connection as an AggregateError: every address it tried.
    const inner = e instanceof AggregateError ? e.errors.map((x) => x?.message).filter(Boolean).join('; ') : e.message
    if (inner && inner !== 'fetch failed') found = inner
    else if (typeof e.code === 'string') found = e.code
  }
  // undici refuses the fetch standard's "bad ports" (9, 25, 6000…) before connecting.
  if (found === 'bad port') found = 'bad port (fetch refuses to connect to this port: https://fetch.spec.whatwg.org/#bad-port)'
  return withoutCredentials(found)
}

const shown = (input) => withoutCredentials(typeof input === 'object' && input !== null && 'url' in input ? input.url : String(input))

globalThis.fetch = async (input, init) => {
  try {
    return await original(input, init)
  } catch (error) {
    process.stderr.write(`${MARK}${JSON.stringify({ url: shown(input), reason: reason(error) })}\n`)
    throw error
  }
}
