import type { Destination } from './destination'

/** One program run of a delivery: a check first (gh auth status), then the one that takes the token. */
export interface Step {
  argv: string[]
  /** Whether the token goes to its standard input (only the step that delivers it). */
  takesToken: boolean
  /** What fixes it when this step fails, in plain words. */
  fix: string
}

type CommandDestination = Exclude<Destination, { kind: 'env-file' }>

/**
 * The programs each preset runs. A preset is offered only where the tool reads the secret's
 * value from standard input; a tool that takes it only as an argument is not, since arguments
 * are visible to every process of the machine.
 *
 * - gh secret set NAME: "--body: the value for the secret (reads from standard input if not
 *   specified)" (https://cli.github.com/manual/gh_secret_set); -R/--repo [HOST/]OWNER/REPO and
 *   -e/--env are its options. `gh auth status` first, so "not logged in" is said as such.
 * - aws secretsmanager put-secret-value --secret-string file:///dev/stdin: the AWS CLI loads a
 *   parameter from a file:// URL (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-file.html),
 *   and /dev/stdin is the input; AWS documents file://, and the /dev/stdin use is reported to work
 *   by users (aws/aws-cli#5982), not documented by AWS: not confirmed for every version, and
 *   not available on Windows, where there is no /dev/stdin.
 * - gcloud secrets versions add NAME --data-file=-: "printf "s3cr3t" | gcloud secrets versions
 *   add my-secret --data-file=-" (https://cloud.google.com/sdk/gcloud/reference/secrets/versions/add).
 * - vault kv patch PATH KEY=-: "Or it can be read from stdin using the "-" symbol"
 *   (https://developer.hashicorp.com/vault/docs/commands/kv/patch).
 *
 * The token is written without a trailing newline: gcloud and vault keep the bytes they read.
 */
export function stepsOf(d: CommandDestination, platform: NodeJS.Platform = process.platform): Step[] {
  switch (d.kind) {
    case 'github': {
      const host = d.repo && d.repo.split('/').length === 3 ? d.repo.split('/')[0] : undefined
      return [
        { argv: ['gh', 'auth', 'status', ...(host ? ['--hostname', host] : [])], takesToken: false, fix: 'Log in to GitHub CLI: run gh auth login.' },
        {
          argv: ['gh', 'secret', 'set', d.name, ...(d.repo ? ['--repo', d.repo] : []), ...(d.env ? ['--env', d.env] : [])],
          takesToken: true,
          fix: `Check that the repository${d.env ? ' and the environment' : ''} exist and that your GitHub account may set its secrets (admin or secrets write access).`,
        },
      ]
    }
    case 'aws':
      if (platform === 'win32') return []
      return [
        {
          argv: ['aws', 'secretsmanager', 'put-secret-value', '--secret-id', d.secretId, '--secret-string', 'file:///dev/stdin', ...(d.region ? ['--region', d.region] : [])],
          takesToken: true,
          fix: 'Check that the secret exists, and that the AWS CLI is set up (aws configure) with secretsmanager:PutSecretValue on it.',
        },
      ]
    case 'gcloud':
      return [
        {
          argv: ['gcloud', 'secrets', 'versions', 'add', d.secret, '--data-file=-', ...(d.project ? ['--project', d.project] : [])],
          takesToken: true,
          fix: 'Check that the secret exists, and that gcloud is logged in (gcloud auth login) with the Secret Manager Secret Version Adder role on it.',
        },
      ]
    case 'vault':
      return [
        {
          argv: ['vault', 'kv', 'patch', d.path, `${d.field}=-`],
          takesToken: true,
          fix: 'Check that the secret exists at that path (kv patch changes an existing secret), and that VAULT_ADDR and your Vault login are set.',
        },
      ]
    case 'command':
      return [{ argv: [...d.argv], takesToken: true, fix: 'Run the command yourself to see what it needs, then try again.' }]
  }
}

/** Why a preset cannot run here, or null. */
export function presetUnavailable(d: CommandDestination, platform: NodeJS.Platform = process.platform): string | null {
  return d.kind === 'aws' && platform === 'win32' ? 'The AWS preset reads the token from /dev/stdin, which Windows does not have.' : null
}
