import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { AppState } from '../../../preload/api'
import { createNodeCipher } from '../../../main/core/vault'
import { entryContext, readSecret } from '../../../main/core/vault/cipher-extras'
import { entryRecord, idOfEntryFile } from '../../../main/core/vault/entry-file'
import type { Harness } from '../../integration/app/harness'

/** The passphrase test/integration/app/harness.ts gives its Node cipher. */
export const HARNESS_PASSPHRASE = 'practice passphrase for tests'

/** Practice mode, a login with consent, every Page and the user token saved. */
export async function savedJourney(h: Harness): Promise<AppState> {
  await h.call('startPractice', {})
  await h.call('choosePurpose', { purpose: 'manage-pages' })
  const state = await h.call('login', {})
  if (state.wizard.step !== 'pages') throw new Error(`expected pages, got ${state.wizard.step}`)
  return h.call('savePages', { pageIds: state.wizard.pages.map((p) => p.id), saveUserToken: true })
}

/** The system-user wizard up to its list: the ids of the practice business and its Reporting Server. */
export async function toSystemUsers(h: Harness): Promise<{ businessId: string; systemUserId: string }> {
  await h.call('choosePurpose', { purpose: 'manage-ads' })
  const state = await h.call('startSystemUser', {})
  if (state.wizard.step !== 'system-users') throw new Error(`expected system-users, got ${state.wizard.step}`)
  const business = state.wizard.businesses[0]!
  const systemUser = business.systemUsers.find((u) => u.name === 'Practice Reporting Server')!
  return { businessId: business.id, systemUserId: systemUser.id }
}

/**
 * What is on disk, id to decrypted token, read with a cipher of its own. Read only: opening a
 * second vault would tidy the folder (it removes temp files) under the running app's feet.
 */
export async function storedOnDisk(home: string): Promise<Map<string, string>> {
  const cipher = await createNodeCipher({ home, passphrase: HARNESS_PASSPHRASE, keyring: null })
  const dir = join(home, 'vault', 'tokens')
  const out = new Map<string, string>()
  for (const name of (await readdir(dir)).sort()) {
    const id = idOfEntryFile(name)
    if (id === null) continue
    const record = entryRecord.parse(JSON.parse(await readFile(join(dir, name), 'utf8')))
    if (record.secret === null) throw new Error(`the stored token ${id} has no secret`)
    // Each secret is sealed for its entry: the tokens vault, its id and its kind (issue 20, item 3).
    const kind = (record.meta as { kind?: string } | null)?.kind ?? ''
    out.set(id, await readSecret(cipher, record.secret, entryContext('tokens', id, kind)))
  }
  return out
}

/**
 * Words for a person: a sentence, with no JSON, HTML tag, stack, exception class, Graph error
 * number or anything token-shaped. A breadcrumb like "Settings > Basic" is fine.
 */
export function expectPlainWords(message: string): void {
  expect(message, message).toMatch(/^[“"A-Z][^]*[.!?]$/)
  expect(message, message).not.toMatch(/[{}[\]]|<\/?[a-z][^>]*>|undefined|\bnull\b|NaN|Exception|Error\b|\n\s+at |\(#\d+\)|\bEAA|\bAQ[A-Za-z0-9_-]{8}/)
}
