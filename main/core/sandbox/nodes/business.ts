import { actsAs } from '../auth'
import { GraphError, unsupportedRequest } from '../errors'
import { nodeType } from '../node-kit'
import type { BusinessRecord } from '../state'

/** The real text (several captures); code 200, OAuthException. */
export const businessPermissionError = (): GraphError =>
  new GraphError(200, '(#200) Requires business_management permission to manage the object')

/**
 * Business (Business Manager). Read by id it needs a role in the business and business_management;
 * embedded in an AdAccount (`business`) it shows `id` and `name` to whoever may read the account.
 */
export const businessNode = nodeType<BusinessRecord>({
  name: 'Business',
  idOf: (b) => b.id,
  defaultFields: ['id', 'name'],
  fields: {
    name: { get: (b) => b.name },
  },
  readable(business, view) {
    const { caller } = view
    const person = caller?.kind === 'token' && caller.record.userId !== null ? view.ctx.state.people.get(caller.record.userId) : undefined
    if (!person || !actsAs(caller, person) || !business.roles.has(person.id)) throw unsupportedRequest(view.method, business.id)
    if (!caller.record.scopes.includes('business_management')) throw businessPermissionError()
  },
})
