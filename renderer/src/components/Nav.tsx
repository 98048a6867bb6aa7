import type { View } from '../state/desk'

const ITEMS: { view: View; label: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'wizard', label: 'Add token' },
  { view: 'access', label: 'Access' },
  { view: 'settings', label: 'Settings' },
  { view: 'practice', label: 'Practice' },
]

export function Nav({ current, practice, attention, onGo }: { current: View; practice: boolean; attention: number; onGo: (view: View) => void }) {
  return (
    <nav aria-label="Main">
      <ul>
        {ITEMS.filter((item) => practice || item.view !== 'practice').map((item) => (
          <li key={item.view}>
            <button
              type="button"
              className="nav-item"
              aria-current={item.view === current ? 'page' : undefined}
              onClick={() => onGo(item.view)}
            >
              {item.label}
              {item.view === 'dashboard' && attention > 0 && (
                <span className="count">
                  {attention}
                  <span className="visually-hidden"> {attention === 1 ? 'alert' : 'alerts'}</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
