// The `token-desk` command.
import { main } from './main'

const exitCode = await main({ argv: process.argv.slice(2), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })
process.exitCode = exitCode
