// The contract's schemas are written with zod/mini: the renderer bundles them, and the functional
// API tree-shakes to about a third of classic zod there. zod/mini loads no wording of its own;
// English is what classic zod says for the same rule, so an input is refused in the same words by
// the window, main, the web host and the command line, whichever zod each has loaded besides.
import * as z from 'zod/mini'

z.config(z.locales.en())

export { z }
