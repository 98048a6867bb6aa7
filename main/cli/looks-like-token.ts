export const TOKENS_NOT_ARGUMENTS =
  'Tokens are never taken from the command line, where other users of the machine can read them in the process list: pass the token on standard input (token-desk inspect < token.txt) or with --token-file PATH.'

/** Graph tokens, app tokens, or any long run of token characters: never echoed, never accepted. */
export function looksLikeToken(arg: string): boolean {
  return /^EAA[A-Za-z0-9]/.test(arg) || /^\d{5,20}\|\S{10,}$/.test(arg) || /^[A-Za-z0-9_\-|.]{40,}$/.test(arg)
}
