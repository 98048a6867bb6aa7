import { config } from 'zod/mini'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { pickBridge } from './bridge'
import './styles.css'

// zod probes `new Function` to speed up parsing; under the strict CSP that probe is a reported
// violation, so validation runs without it.
config({ jitless: true })

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={pickBridge()} />
    </StrictMode>,
  )
}
