/** What the checks learn from each other during one run. */
export interface RunState {
  /** Some answer said "API access blocked.". */
  blocked: boolean
  /** The app token is answered as if absent while the secret is right: Native/Desktop. */
  nativeDesktop: boolean
  /** The person's role on the app, 'none' when listed roles lack them, null when unknown. */
  personRole: string | null
}

export const newRunState = (): RunState => ({ blocked: false, nativeDesktop: false, personRole: null })
