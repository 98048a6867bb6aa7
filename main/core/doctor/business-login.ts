import type { DialogPage, DoctorFinding } from '../../../preload/api'
import { CONFIG_WHERE } from '../tokens/configurations'
import { fail, pass, skip, warn } from './finding'
import type { DoctorInput } from './input'
import { PLACES } from './places'
import type { RunState } from './state'

type Row = Record<string, unknown>

/** What the undocumented `app_type` and `config_ids` of the Application node say (application.py [S]): evidence, never proof. */
export interface BusinessEvidence {
  appType: string | null
  /** The configuration ids found in `config_ids`, or null when the field was absent or unreadable. */
  configIds: string[] | null
}

const idOf = (v: unknown): string | null => {
  if (typeof v === 'string' && /^\d{1,32}$/.test(v)) return v
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v)
  if (v !== null && typeof v === 'object') {
    const r = v as Row
    return idOf(r.id) ?? idOf(r.config_id) ?? idOf(r.configuration_id)
  }
  return null
}

/** `config_ids` is `list<Object>` in the SDK and its shape is not confirmed: a list, or `{data: [...]}`, of ids or objects holding one. */
export function readEvidence(node: Row): BusinessEvidence {
  const raw = node.config_ids
  const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' && Array.isArray((raw as Row).data) ? ((raw as Row).data as unknown[]) : null
  const appType = typeof node.app_type === 'number' || typeof node.app_type === 'string' ? String(node.app_type) : null
  return { appType, configIds: list ? list.flatMap((v) => idOf(v) ?? []) : null }
}

/** Refusals reported when a Business app's dialog gets `scope` and no `config_id` (login-for-business.md §1). */
const SCOPE_ONLY_REFUSALS = new Set<DialogPage>(['not-available', 'invalid-scopes', 'config-required', 'blank'])

const CONFIG_HINT = `Enter its Configuration ID in Token Desk (Settings > Your Meta app); it is under ${CONFIG_WHERE}.`

async function evidenceOf(input: DoctorInput, appTokenUsable: boolean): Promise<BusinessEvidence | null> {
  if (!appTokenUsable) return null
  try {
    return readEvidence(await input.graph.appNode(['app_type', 'config_ids']))
  } catch (error) {
    input.log.info('the app’s app_type and config_ids could not be read', { error: error instanceof Error ? error.message : String(error) })
    return null
  }
}

function evidenceWords(e: BusinessEvidence | null): string {
  if (!e) return ''
  const parts = [
    e.appType !== null ? `app_type ${e.appType}` : null,
    e.configIds !== null ? `${e.configIds.length} configuration${e.configIds.length === 1 ? '' : 's'} in config_ids` : null,
  ].filter((p) => p !== null)
  return parts.length ? ` Facebook’s app record shows ${parts.join(' and ')} (undocumented fields, read as evidence only).` : ''
}

/**
 * Facebook Login for Business (login-for-business.md §1, §2): whether the app needs a
 * configuration and Token Desk has one, whether a given Configuration ID is among the app's own
 * (when the undocumented `config_ids` answers), and whether what the configuration granted at
 * the last login serves the chosen purpose. Refusal pages themselves are the dialog check's.
 */
export async function checkBusinessLogin(input: DoctorInput, state: RunState, appTokenUsable: boolean): Promise<DoctorFinding> {
  const evidence = await evidenceOf(input, appTokenUsable)
  const configId = input.configId ?? null
  const noted = evidenceWords(evidence)
  if (!configId) {
    const listed = evidence?.configIds?.length ?? 0
    if (input.dialogPage && SCOPE_ONLY_REFUSALS.has(input.dialogPage)) {
      return fail(
        'login-for-business',
        `Token Desk asks with a list of permissions, and Facebook refused the login in a way reported for Business apps that use Facebook Login for Business.${noted}`,
        `If the app has Facebook Login for Business, create a configuration (or use one it has). ${CONFIG_HINT}`,
        PLACES.configurations,
      )
    }
    if (listed > 0) {
      return warn('login-for-business', `The app seems to use Facebook Login for Business, yet Token Desk logs in with a list of permissions.${noted}`, CONFIG_HINT, PLACES.configurations)
    }
    return pass('login-for-business', `Token Desk logs in with the classic dialog (a list of permissions), and nothing says the app needs a configuration.${noted} Apps made for the Marketing API today use Facebook Login for Business: if yours does, add its Configuration ID.`)
  }
  if (state.blocked) return skip('login-for-business', 'Facebook blocks the app’s API access, so its login is not looked at.')
  const problems: string[] = []
  let status: 'warning' | null = null
  if (evidence?.configIds && evidence.configIds.length > 0 && !evidence.configIds.includes(configId)) {
    problems.push(`The Configuration ID ${configId} is not among the app’s configurations Facebook lists (${evidence.configIds.join(', ')}).`)
    status = 'warning'
  } else if (input.dialogPage === 'config-invalid') {
    // One cause, one finding: the dialog check says it, with the fix.
    return skip('login-for-business', `The login dialog check says Facebook does not know the Configuration ID ${configId}.${noted}`)
  }
  const granted = input.configGranted ?? null
  const missing = granted ? input.neededScopes.filter((s) => s !== 'public_profile' && !granted.includes(s)) : []
  if (missing.length > 0) {
    const purpose = input.purposeLabel ? `to ${input.purposeLabel}` : 'for what you chose'
    problems.push(`At the last login the configuration granted ${granted!.length ? granted!.join(', ') : 'nothing'}; ${purpose} it also needs ${missing.join(', ')}.`)
    status ??= 'warning'
  }
  if (status === null) {
    const known = evidence?.configIds?.includes(configId) ? ' Facebook lists it among the app’s configurations.' : ''
    return pass('login-for-business', `Token Desk logs in through the configuration ${configId} (Facebook Login for Business): the configuration decides the permissions, and Token Desk reads back what it granted.${known}${noted}`)
  }
  const fix =
    missing.length > 0 && problems.length === 1
      ? `Edit the configuration (${CONFIG_WHERE}), add ${missing.join(', ')}, save, and log in again.`
      : `Copy the Configuration ID again from ${CONFIG_WHERE} and enter it in Token Desk under Settings > Your Meta app.${missing.length ? ` Then make sure the configuration has ${missing.join(', ')}.` : ''}`
  return warn('login-for-business', `${problems.join(' ')}${noted}`, fix, PLACES.configurations)
}
