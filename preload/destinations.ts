/**
 * Where a stored token is delivered (main/core/deliveries): the kinds, the rules of each field,
 * and the shape the bridge accepts. Here beside the contract, so the core's check of what it reads
 * from the vault, the command line's options and the window's form all use the same rules.
 *
 * Every field that ends up on a command line starts with a letter, digit or "/" (never "-"): a
 * value can never be read as one of the tool's options.
 */
import { z } from './zod'

export const DESTINATION_KINDS = ['env-file', 'github', 'aws', 'gcloud', 'vault', 'command'] as const
export type DestinationKind = (typeof DESTINATION_KINDS)[number]

/** The variable a `.env` destination writes when none is given. */
export const DEFAULT_ENV_KEY = 'FB_ACCESS_TOKEN'
/** Destinations one token may have. */
export const MAX_DESTINATIONS = 16

export const FIELD_RULES = {
  /** A shell-style variable name: what every .env reader accepts. */
  envKey: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
  /** GitHub: letters, digits and "_", not starting with a digit or GITHUB_ (docs.github.com, "Naming your secrets"). */
  githubName: /^(?![0-9])(?![Gg][Ii][Tt][Hh][Uu][Bb]_)[A-Za-z0-9_]{1,200}$/,
  /** gh's --repo: [HOST/]OWNER/REPO (cli.github.com/manual/gh_secret_set). */
  githubRepo: /^(?:[A-Za-z0-9][A-Za-z0-9.-]{0,252}\/)?[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}$/,
  githubEnv: /^[A-Za-z0-9_.][A-Za-z0-9 _.-]{0,254}$/,
  /** A secret's name or ARN (AWS: letters, digits and /_+=.@-; an ARN adds ":"). */
  awsSecretId: /^[A-Za-z0-9/_+=.@][A-Za-z0-9/_+=.@:-]{0,2047}$/,
  awsRegion: /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/,
  /** A secret id, or projects/P/secrets/S. */
  gcloudSecret: /^[A-Za-z0-9_][A-Za-z0-9_/-]{0,254}$/,
  gcloudProject: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  /** A KV v2 path such as secret/ads; no "..". */
  vaultPath: /^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_./-]{0,511}$/,
  /** The key inside the secret: no "=" or "@", which the vault CLI reads specially. */
  vaultField: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
} as const

const field = (rule: RegExp, words: string) => z.string().check(z.trim(), z.regex(rule, words))
/** An absolute path, or one starting with ~/ (the home folder), on one line. */
export const destinationPath = z.string().check(
  z.trim(),
  z.minLength(1, 'Give the path of the file.'),
  z.maxLength(4096),
  z.regex(/^[^\p{Cc}]*$/u, 'One line, without control characters.'),
  z.refine((p) => p.startsWith('/') || p.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(p), 'Give the full path (starting with / or ~/).'),
)

export const envKey = field(FIELD_RULES.envKey, 'A variable name: letters, digits and _, not starting with a digit.')

/**
 * What the window may add. A free command is added from the command line only: a page that
 * could run any program of its choosing with the token on its input would make a compromised
 * renderer as good as the token itself. Each preset runs one known tool with checked arguments.
 */
export const destinationInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('env-file'), path: destinationPath, key: z.optional(envKey) }),
  z.strictObject({
    kind: z.literal('github'),
    name: field(FIELD_RULES.githubName, 'A GitHub secret name: letters, digits and _, not starting with a digit or GITHUB_.'),
    repo: field(FIELD_RULES.githubRepo, 'OWNER/REPO, for example acme/reports.'),
    env: z.optional(field(FIELD_RULES.githubEnv, 'An environment name: letters, digits, spaces, _ . and -.')),
  }),
  z.strictObject({
    kind: z.literal('aws'),
    secretId: field(FIELD_RULES.awsSecretId, 'The secret’s name or ARN.'),
    region: z.optional(field(FIELD_RULES.awsRegion, 'An AWS region, for example eu-west-1.')),
  }),
  z.strictObject({
    kind: z.literal('gcloud'),
    secret: field(FIELD_RULES.gcloudSecret, 'The secret’s id, or projects/PROJECT/secrets/SECRET.'),
    project: z.optional(field(FIELD_RULES.gcloudProject, 'A Google Cloud project id.')),
  }),
  z.strictObject({
    kind: z.literal('vault'),
    path: field(FIELD_RULES.vaultPath, 'A KV path, for example secret/ads.'),
    field: z.optional(field(FIELD_RULES.vaultField, 'The key inside the secret: letters, digits, _ . and -.')),
  }),
])
export type DestinationInput = z.infer<typeof destinationInput>

/** One destination as the window sees it: where, and how the last delivery went. Never a token. */
export interface DestinationSummary {
  /** Null for an entry of the vault that was refused on reading (it has no usable id). */
  id: string | null
  kind: DestinationKind | null
  /** "/home/pat/ads/.env (FB_ACCESS_TOKEN)", "GitHub Actions secret FB_TOKEN in acme/reports". */
  where: string
  /** Why Token Desk will not deliver there (an edited vault file), or null. */
  refused: string | null
  last: { at: string; ok: boolean; message: string } | null
}
