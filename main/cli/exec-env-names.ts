/**
 * Names `exec --env NAME=...` refuses: variables the dynamic loader, a shell or a language
 * runtime reads as code, a path to load, or options, before the command's own code runs. Given a
 * token, such a variable makes the loader or runtime act on it and often print it (issue 20,
 * item 7: ld.so wrote "object 'EAA…' from LD_PRELOAD cannot be preloaded" to stderr, so into CI
 * logs). The list and its sources are in docs/exec-env-deny-list.md.
 *
 * Sources: glibc's UNSECURE_ENVVARS, the variables ld.so drops for setuid programs
 * (sysdeps/generic/unsecvars.h; ld.so(8)); sudo's initial_badenv_table, the variables sudoers
 * removes by default (plugins/sudoers/env.c; seen in openbsd/src usr.bin/sudo/env.c); Node's
 * NODE_OPTIONS and NODE_* (nodejs.org/api/cli.html#environment-variables); bash(1) INVOCATION
 * (BASH_ENV, ENV), Python's, Perl's, Ruby's and the JVM's documented start-up variables.
 */
const EXACT = new Set([
  // Search paths and shells.
  'PATH', 'IFS', 'CDPATH', 'ENV', 'BASH_ENV', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'GLOBIGNORE', 'PROMPT_COMMAND', 'FPATH', 'NULLCMD', 'READNULLCMD', 'ZDOTDIR', 'TMPPREFIX', 'SHELL', 'HOME',
  // glibc, beyond LD_*.
  'GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'HOSTALIASES', 'LOCALDOMAIN', 'LOCPATH', 'MALLOC_TRACE', 'NIS_PATH', 'NLSPATH', 'RESOLV_HOST_CONF', 'RES_OPTIONS', 'TMPDIR', 'TZDIR', 'PATH_LOCALE',
  // Terminals (sudo removes them: a terminfo file is parsed as given).
  'TERMINFO', 'TERMINFO_DIRS', 'TERMPATH', 'TERMCAP',
  // The JVM, and other runtimes that take options from the environment.
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'DOTNET_STARTUP_HOOKS', 'CORECLR_PROFILER_PATH', 'GIT_SSH_COMMAND', 'GIT_EXEC_PATH', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM',
  'PERLLIB', 'PERLIO_DEBUG', 'PHPRC', 'PHP_INI_SCAN_DIR', 'LUA_INIT', 'LUA_PATH', 'LUA_CPATH', 'R_PROFILE', 'R_PROFILE_USER', 'TCLLIBPATH', 'OPENSSL_CONF', 'OPENSSL_ENGINES',
])

/** Families, by prefix: the loader's own, and the runtimes that read a whole set. */
const PREFIXES = ['LD_', 'DYLD_', '_RLD', 'NODE_', 'NPM_CONFIG_', 'PYTHON', 'PERL5', 'RUBY', 'GEM_', 'BUNDLE_', 'BASH_FUNC_', 'MALLOC_', 'GLIBC_', 'GIT_CONFIG_']

/** True when NAME must not carry a token into the command. Case-insensitive: Windows ignores case, and so do some loaders. */
export function isReadByLoaderOrRuntime(name: string): boolean {
  const upper = name.toUpperCase()
  return EXACT.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix))
}

export const DENIED_WHY =
  'is read by the program loader, a shell or a language runtime before the command runs, which could act on the token or print it. Choose another name, such as FB_TOKEN.'
