// The `token-desk` command.
process.stdout.write('token-desk\n')
