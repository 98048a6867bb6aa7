/**
 * The renderer's Content-Security-Policy and its companion headers: the very ones Electron's
 * app:// handler sends (R7), from the Electron-free module the shell keeps them in.
 */
export { CONTENT_SECURITY_POLICY as RENDERER_CSP, securityHeaders } from '../shell/csp'
