import type { TokenMeta } from '../tokens/record'

export type SnippetFormat = 'curl' | 'env' | 'node-sdk'

/** Text for scripts; it holds the token, so it only ever goes to the clipboard. */
export function snippet(format: SnippetFormat, token: string, meta: TokenMeta, apiVersion: string): string {
  const node = meta.kind === 'PAGE' && meta.profileId ? meta.profileId : 'me'
  switch (format) {
    case 'env':
      return `META_ACCESS_TOKEN=${token}`
    case 'curl':
      return `curl -G 'https://graph.facebook.com/${apiVersion}/${node}' -d 'fields=id,name' -d 'access_token=${token}'`
    case 'node-sdk':
      return [
        "const bizSdk = require('facebook-nodejs-business-sdk')",
        `const api = bizSdk.FacebookAdsApi.init('${token}')`,
        "// for example: new bizSdk.AdAccount('act_<id>').read(['name'])",
      ].join('\n')
  }
}
