import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type JwtConfig, type Principal, type Role } from './production-env';

/** The token is not acceptable (bad signature, expired, wrong issuer/audience, unknown key): 401. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** The identity provider's keys could not be fetched, so no token can be judged: 503, not 401. */
export class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

/** Leeway for clocks that disagree by a little; `exp` a minute ago is still expired. */
const CLOCK_TOLERANCE_S = 5;
const JWKS_TIMEOUT_MS = 3_000;

/** A JWS compact serialization: three base64url parts. Static tokens never look like this by accident. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

function claimAt(payload: JWTPayload, path: string): unknown {
  // Keycloak nests roles (`realm_access.roles`); a flat claim may itself contain dots, so try it whole first.
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

/** Roles the gateway knows, from an array claim or a space/comma-separated string; others are ignored. */
function rolesFrom(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return ROLES.filter((role) => names.includes(role));
}

export type JwtVerifier = (token: string) => Promise<Principal>;

/**
 * Verifies signature (keys from the JWKS, fetched on first use and on an unknown `kid`, then cached by
 * jose), allowed algorithms, `iss`, `aud`, `exp`/`nbf`; maps the configured claims to a Principal.
 */
export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const jwks = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: JWKS_TIMEOUT_MS });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      // The bare JOSEError is jose's "JWKS answered non-200 / not JSON"; its subclasses judge the token.
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || (err instanceof errors.JOSEError && err.constructor === errors.JOSEError)) throw new JwksUnavailableError(`identity provider keys unavailable: ${err.message}`);
      if (err instanceof errors.JOSEError) throw new InvalidTokenError(`Invalid bearer token: ${err.message}`);
      // fetch failed (connection refused, DNS): jose passes the network error through.
      throw new JwksUnavailableError(`identity provider keys unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
    const identity = claimAt(payload, config.identityClaim);
    if (typeof identity !== 'string' || identity.length === 0) throw new InvalidTokenError(`Invalid bearer token: no ${config.identityClaim} claim`);
    return { identity, roles: rolesFrom(claimAt(payload, config.rolesClaim)) };
  };
}
