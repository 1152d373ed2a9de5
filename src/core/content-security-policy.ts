/**
 * The Content-Security-Policy every page carries: everything it loads comes from the site itself,
 * nothing runs or is styled inline, and no form or base URL can point elsewhere. Deployment
 * recipes should send the same policy as a header.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
