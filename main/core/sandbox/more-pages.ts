import { FULL_TASKS } from './assets'
import { numericId } from './ids'
import { requirePerson, type SandboxState } from './state'

// Names a busy advertiser's Pages might have: two words, so a search for part of one finds it.
const PLACES = ['Harbour', 'Northside', 'Old Town', 'Riverside', 'Hilltop', 'Market Street', 'Lakeside', 'Station Road']
const TRADES = [
  ['Florist', 'Florist', '161511983869416'],
  ['Yoga Studio', 'Yoga Studio', '188073591217004'],
  ['Pizzeria', 'Pizza Place', '273819889375819'],
  ['Barber', 'Barber Shop', '174177802634376'],
  ['Dental Care', 'Dentist & Dental Office', '164886566892249'],
  ['Pet Grooming', 'Pet Groomer', '192119584190796'],
  ['Garden Centre', 'Garden Center', '181053558607965'],
  ['Print Shop', 'Printing Service', '181367548562479'],
] as const
const MAX_PAGES = 400

/**
 * Gives the person `count` more Pages (with every task), owned by the practice business, as an
 * advertiser who runs ads for a few brands holds them. Returns the new Pages' ids.
 */
export function addPages(state: SandboxState, userId: string, count: number): string[] {
  requirePerson(state, userId)
  if (!Number.isInteger(count) || count < 1) throw new Error('count is an integer >= 1.')
  if (state.pages.length + count > MAX_PAGES) throw new Error(`The practice business holds at most ${MAX_PAGES} Pages.`)
  const business = state.businesses.values().next().value
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const n = state.pages.length
    const [trade, category, categoryId] = TRADES[n % TRADES.length]!
    const place = PLACES[Math.floor(n / TRADES.length) % PLACES.length]!
    const round = Math.floor(n / (TRADES.length * PLACES.length))
    const page = {
      id: numericId(15),
      name: `${place} ${trade}${round > 0 ? ` ${round + 1}` : ''}`,
      category,
      categoryId,
      tasks: [...FULL_TASKS],
      roles: new Set([userId, state.systemUserId]),
      // A direct role: these Pages are listed by /me/accounts, not reached only through the business.
      assignedThroughBusiness: new Set<string>(),
    }
    state.pages.push(page)
    business?.ownedPages.add(page.id)
    ids.push(page.id)
  }
  return ids
}
