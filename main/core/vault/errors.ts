import { errorCode } from './fs-port'

/** Errors the vault and the Node cipher raise. Messages are plain words and never hold a secret. */

export class VaultWriteError extends Error {
  override name = 'VaultWriteError'
  constructor(
    message: string,
    /** The file system's code (ENOSPC, EACCES, EROFS...), when there was one. */
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export class VaultIdError extends Error {
  override name = 'VaultIdError'
}

export class VaultEntryNotFoundError extends Error {
  override name = 'VaultEntryNotFoundError'
}

export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError'
  constructor(message = 'The passphrase does not open this vault (TOKEN_DESK_PASSPHRASE is wrong). Nothing was changed.') {
    super(message)
  }
}

/** The fewest characters a new passphrase may have, as the window asks (preload/api.ts newPassphrase). */
export const MIN_PASSPHRASE_CHARS = 8

/**
 * TOKEN_DESK_PASSPHRASE is too short to hold a new key slot (issue 20, item 12: one character was
 * accepted). A slot already made with it still opens; only a new one is refused.
 */
export class ShortPassphraseError extends Error {
  override name = 'ShortPassphraseError'
  constructor(length: number) {
    super(
      `TOKEN_DESK_PASSPHRASE has ${length} character${length === 1 ? '' : 's'}; a new passphrase needs at least ${MIN_PASSPHRASE_CHARS}. ` +
        'Whoever copies vault/keys/slots.json can try passphrases offline, and scrypt slows each try but not enough for a short one. Nothing was changed.',
    )
  }
}

/**
 * A passphrase handed over at run time (the window's unlock and "add a passphrase" forms) that
 * cannot be used in the vault's present state. Nothing was changed.
 */
export class VaultPassphraseError extends Error {
  override name = 'VaultPassphraseError'
  constructor(
    readonly reason: 'already-open' | 'no-passphrase-slot' | 'not-open' | 'exists' | 'key-changed' | 'full',
    message: string,
  ) {
    super(message)
  }
}

/** vault-key.json exists but cannot be used: it is kept as it is, never rewritten. */
export class VaultKeyFileError extends Error {
  override name = 'VaultKeyFileError'
}

export function writeFailure(what: string, error: unknown): VaultWriteError {
  const code = errorCode(error) ?? null
  const why =
    code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission was denied'
        : code === 'EROFS'
          ? 'the folder is read-only'
          : 'the file system refused the write'
  return new VaultWriteError(`Could not save ${what}: ${why}. Nothing was changed.`, code, { cause: error })
}
