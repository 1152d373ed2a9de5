/**
 * OpenSSL's reasons that only a TLS handshake gives: the two sides agreed on no protocol, cipher,
 * group or signature, a certificate was refused, the client spoke no TLS at all, or it sent an
 * alert that ends a handshake. As `warning: TLS library problem: error:…:REASON:…` (OpenSSL 3 and
 * 1.x word them alike). Others — `unexpected eof while reading`, `bad record mac`, `record layer
 * failure` — come as well after a good handshake, when a client hangs up without a goodbye.
 */
const HANDSHAKE_REASONS: ReadonlySet<string> = new Set([
  'unsupported protocol',
  'version too low',
  'wrong version number',
  'unknown protocol',
  'unsupported ssl version',
  'no protocols available',
  'inappropriate fallback',
  'no shared cipher',
  'no cipher match',
  'no ciphers available',
  'no shared signature algorithms',
  'no suitable signature algorithm',
  'no shared groups',
  'no suitable key share',
  'bad key share',
  'missing sigalgs extension',
  'bad extension',
  'wrong curve',
  'unsafe legacy renegotiation disabled',
  'http request',
  'https proxy request',
  'peer did not return a certificate',
  'no certificate returned',
  'certificate verify failed',
  'sslv3 alert handshake failure',
  'sslv3 alert bad certificate',
  'sslv3 alert certificate unknown',
  'sslv3 alert certificate expired',
  'sslv3 alert certificate revoked',
  'sslv3 alert unsupported certificate',
  'sslv3 alert illegal parameter',
  'tlsv1 alert protocol version',
  'tlsv1 alert unknown ca',
  'tlsv1 alert decrypt error',
  'tlsv1 alert insufficient security',
  'tlsv1 alert access denied',
  'tlsv1 alert no application protocol',
  'tlsv1 unrecognized name',
  'tlsv13 alert certificate required',
  'tlsv13 alert missing extension',
]);

/**
 * Whether an OpenSSL error reason (as openSslReason reads it) says a handshake failed.
 *
 * @example
 * isHandshakeReason('unsupported protocol')         // true
 * isHandshakeReason('unexpected eof while reading') // false: after a handshake too
 */
export function isHandshakeReason(reason: string): boolean {
  return HANDSHAKE_REASONS.has(reason.toLowerCase());
}
