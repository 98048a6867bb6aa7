import { nodeType } from '../node-kit'
import type { AppRecord } from '../state'

/**
 * Application, with the fields Graph answers without `fields` (a real capture: category, link,
 * name, namespace, id; graph-api-doctor.md §1.1). Any valid token may read them. The link points
 * at the sandbox's www side, which stands in for facebook.com.
 */
export const applicationNode = nodeType<AppRecord>({
  name: 'Application',
  idOf: (a) => a.id,
  defaultFields: ['category', 'link', 'name', 'namespace', 'id'],
  fields: {
    category: { get: () => 'Business' },
    link: { get: (a, view) => `${view.ctx.wwwUrl}/games/?app_id=${a.id}` },
    name: { get: (a) => a.name },
    // Practice apps have no namespace: Graph leaves an empty field out.
    namespace: { get: () => undefined },
  },
})
