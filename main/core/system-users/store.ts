import type { Purpose } from '../../../preload/api'
import { metaFromInfo } from '../app/token-meta'
import type { SystemUserRef, TokenMeta } from '../tokens/record'
import type { Vault, VaultEntry } from '../vault'
import { mintVerified, type MintDeps, type MintedToken, type MintRequest } from './mint'

export interface MintLabel {
  name: string
  purpose: Purpose | null
  origin: SystemUserRef
  usedIn?: string
}

/** What the vault keeps beside a verified system-user token. */
export function mintedMeta(minted: MintedToken, label: MintLabel, now: number): TokenMeta {
  const meta = metaFromInfo({ info: minted.info, last4: minted.token.slice(-4), name: label.name, purpose: label.purpose, parentId: null, now })
  return { ...meta, systemUser: label.origin, ...(label.usedIn ? { usedIn: label.usedIn } : {}) }
}

/**
 * Mint, verify and store: the one sequence the wizard, the renewal and `token-desk mint --name`
 * share. With `replaces`, the new token takes that entry's place (a renewal).
 */
export async function mintAndStore(
  deps: MintDeps & { vault: Vault<TokenMeta> },
  request: MintRequest,
  label: MintLabel,
  replaces: string | null = null,
): Promise<VaultEntry<TokenMeta>> {
  const minted = await mintVerified(deps, request)
  return deps.vault.put({ ...(replaces ? { id: replaces } : {}), meta: mintedMeta(minted, label, deps.now()), secret: minted.token })
}
