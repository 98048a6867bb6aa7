import type { DoctorFinding } from '../../../preload/api'
import { NATIVE_DESKTOP_WORDS } from '../graph/classify'
import type { CredentialsVerdict } from './credentials'
import { detailOf, fail, isNetwork, pass, skip, warn, words } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'
import type { RunState } from './state'

/** The fields §1.8 step 1 reads, all of them by the app token. */
export const APP_FIELDS = ['id', 'name', 'link', 'category', 'app_domains', 'restrictions', 'supported_platforms', 'business', 'owner_business', 'server_ip_whitelist', 'privacy_policy_url'] as const

type Row = Record<string, unknown>
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null)
const object = (v: unknown): Row | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : null)

function settingsFinding(node: Row): DoctorFinding {
  const name = text(node.name) ?? text(node.app_name) ?? 'without a name'
  const category = text(node.category)
  const business = object(node.business) ?? object(node.owner_business)
  const businessName = business ? (text(business.name) ?? text(business.id)) : null
  const lines = [`The app is “${name}”${category ? `, category ${category}` : ''}.`]
  const problems: string[] = []
  let where: string = PLACES.business
  if (businessName) lines.push(`It belongs to the business portfolio “${businessName}”.`)
  else problems.push('No business portfolio has claimed it, so Business Manager calls for your business (its system users, Pages and ad accounts) are refused.')
  if (!text(node.privacy_policy_url)) {
    problems.push('It has no privacy policy URL, which Facebook asks for before the app can go Live.')
    if (businessName) where = PLACES.privacyPolicy
  }
  if (problems.length === 0) return pass('app-settings', lines.join(' '))
  const fix = [
    ...(businessName ? [] : ['Connect the app to your business portfolio.']),
    ...(text(node.privacy_policy_url) ? [] : ['Add a privacy policy URL if the app is to go Live.']),
  ].join(' ')
  return warn('app-settings', [...lines, ...problems].join(' '), fix, where)
}

const AGE = /^\d{2}\+$/

function restrictionsFinding(node: Row): DoctorFinding {
  const r = object(node.restrictions)
  const parts: string[] = []
  const age = text(r?.age)
  if (age && AGE.test(age)) parts.push(`people aged ${age}`)
  const location = text(r?.location)
  if (location) parts.push(`people in ${location.split(/[\s,]+/).filter(Boolean).join(', ')}`)
  const type = text(r?.type)
  if (type) parts.push(`an app of type “${type}”`)
  if (r?.age_distribution !== undefined && r.age_distribution !== null) parts.push('an age distribution')
  if (parts.length === 0) return pass('restrictions', 'No age, country or alcohol restriction: anyone may use the app.')
  return warn(
    'restrictions',
    `The app is restricted to ${parts.join(' and ')}. Someone outside that cannot use it, and setting a restriction ends every user token of the app. Token Desk sends a secret proof with every call, which Facebook needs for such users.`,
    'Remove the restriction unless you need it; after changing it, log in again in Token Desk.',
    PLACES.restrictions,
  )
}

function ipFinding(node: Row): DoctorFinding {
  const raw = node.server_ip_whitelist
  const list = (Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : (text(raw) ?? '').split(/[\s,]+/)).filter(Boolean)
  if (list.length === 0) return pass('ip-allow-list', 'No Server IP allowlist: calls signed with the App Secret work from any computer.')
  return warn(
    'ip-allow-list',
    `Calls signed with the App Secret must come from ${list.join(', ')}. This computer is allowed now, but Token Desk’s checks fail as soon as its public address changes (another network, a new router).`,
    'Keep this computer’s public address on the list, or clear the list if only Token Desk uses the App Secret.',
    PLACES.ipAllowList,
  )
}

/**
 * Step 1 of §1.8, the Application node, read only once the App ID and secret are known good:
 * name, category, business, restrictions, the IP allowlist; and, from how Facebook answers,
 * whether the app is Native/Desktop.
 */
export async function checkAppNode(input: DoctorInput, verdict: CredentialsVerdict, state: RunState): Promise<{ findings: DoctorFinding[]; appName: string | null }> {
  const none = (findings: DoctorFinding[]) => ({ findings, appName: null })
  const all = (reason: string) => none((['app-type', 'app-settings', 'restrictions', 'ip-allow-list'] as const).map((check) => skip(check, reason)))
  if (verdict === 'wrong') return all('Needs a working App ID and App Secret first.')
  if (verdict === 'unreachable') return all('Facebook could not be reached.')
  let node: Row
  try {
    node = await input.graph.appNode(APP_FIELDS)
  } catch (error) {
    if (isNetwork(error)) return all(`Facebook could not be reached. ${words(error)}`)
    const detail = detailOf(error)
    if (detail === 'app-blocked') {
      state.blocked = true
      return all('Facebook blocks the app’s API access, so its settings cannot be read.')
    }
    if (detail === 'ip-not-allowed') {
      return none([
        skip('app-type', 'The Server IP allowlist stops the app token from this computer.'),
        skip('app-settings', 'The Server IP allowlist stops the app token from this computer.'),
        skip('restrictions', 'The Server IP allowlist stops the app token from this computer.'),
        fail('ip-allow-list', 'Facebook refused a call signed with the App Secret from this computer: its address is not on the app’s Server IP allowlist.', 'Add this computer’s public address to the Server IP allowlist, or clear the list.', PLACES.ipAllowList),
      ])
    }
    if (detail === 'no-token' && verdict === 'ok') {
      // The evidence §1.4 asks for: the secret is right, and the app token counts as none.
      state.nativeDesktop = true
      const [reason, fix] = NATIVE_DESKTOP_WORDS
      return none([
        warn('app-type', `${reason} Token Desk then checks tokens with your own token once you log in as an app admin.`, fix, PLACES.nativeDesktop),
        ...all('A Native/Desktop app refuses the app token, so Token Desk cannot read its settings.').findings.slice(1),
      ])
    }
    return all(`Facebook did not answer this question. ${words(error)}`)
  }
  return {
    appName: text(node.name) ?? text(node.app_name),
    findings: [
      pass('app-type', 'The app token works, so the app is not set to Native or desktop app (which would make Facebook ignore the app token).'),
      settingsFinding(node),
      restrictionsFinding(node),
      ipFinding(node),
    ],
  }
}
