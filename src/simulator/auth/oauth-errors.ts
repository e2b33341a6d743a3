/**
 * The OAuth-layer errors the simulator serves, keyed by Okta's internal error code, with the public `error`, HTTP
 * status and description copied from Okta's catalogue (okta-developer-docs `data/oauth2-error-codes.json`,
 * rendered at https://developer.okta.com/docs/reference/error-codes/#oauth-2-0-and-openid-connect-errors).
 * Only `error` is meant for program logic; descriptions are for people.
 */
export const OAUTH_ERRORS = {
  // Token request shape
  invalid_request_body: { status: 400, error: 'invalid_request', description: 'Invalid request' },
  duplicate_oauth_params: {
    status: 400,
    error: 'invalid_request',
    description: 'The request contained multiple parameters with the same name.',
  },
  token_request_missing_grant_type: {
    status: 400,
    error: 'invalid_request',
    description: "The token request must specify a 'grant_type'. Valid values: [client_credentials]",
  },
  unsupported_grant_type: {
    status: 400,
    error: 'unsupported_grant_type',
    description: 'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
  },
  client_assertion_type_invalid: { status: 400, error: 'invalid_request', description: 'The client_assertion_type is invalid.' },

  // Client authentication (private_key_jwt)
  missing_client_credentials: { status: 401, error: 'invalid_client', description: 'No client credentials found.' },
  unsupported_auth_method_client_creds: {
    status: 401,
    error: 'invalid_client',
    description: 'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.',
  },
  invalid_client_id: { status: 401, error: 'invalid_client', description: "Invalid value for 'client_id' parameter." },
  client_assertion_invalid_jwt: { status: 401, error: 'invalid_client', description: 'The parsing of the client_assertion failed.' },
  client_assertion_invalid_issuer: {
    status: 401,
    error: 'invalid_client',
    description: 'The issuer claim for client_assertion is not a valid client_id.',
  },
  client_assertion_invalid_subject: {
    status: 401,
    error: 'invalid_client',
    description: 'The subject claim for client_assertion is not a valid client_id.',
  },
  client_assertion_invalid_signature_algorithm: {
    status: 401,
    error: 'invalid_client',
    description: 'The client_assertion JWT signature algorithm is invalid.',
  },
  client_assertion_invalid_kid: { status: 401, error: 'invalid_client', description: 'The client_assertion JWT kid is invalid.' },
  client_assertion_invalid_signature: { status: 401, error: 'invalid_client', description: 'The client_assertion signature is invalid.' },
  client_assertion_invalid_audience: {
    status: 401,
    error: 'invalid_client',
    description: 'The audience claim for client_assertion must be the endpoint invoked for the request.',
  },
  client_assertion_expiration_required: {
    status: 401,
    error: 'invalid_client',
    description: "The client_assertion must contain the 'exp' claim as seconds since epoch.",
  },
  client_assertion_expired_token: { status: 401, error: 'invalid_client', description: 'The client_assertion token is expired.' },
  client_assertion_expires_too_far_in_future: {
    status: 401,
    error: 'invalid_client',
    description: 'The client_assertion token has an expiration too far into the future.',
  },
  client_assertion_issued_at_in_future: {
    status: 401,
    error: 'invalid_client',
    description: 'The client_assertion token must be issued before the current time.',
  },
  client_assertion_already_used: { status: 401, error: 'invalid_client', description: 'The client_assertion token has already been used.' },

  // Scopes
  missing_scopes: { status: 400, error: 'invalid_scope', description: 'No scopes were requested.' },
  invalid_scope: {
    status: 400,
    error: 'invalid_scope',
    description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.',
  },
  openid_not_allowed_client_creds: {
    status: 400,
    error: 'invalid_scope',
    description: "Cannot request 'openid' scopes using client credentials.",
  },
  client_credentials_self_scope_requested: {
    status: 400,
    error: 'client_credentials_self_scope_requested',
    description: "The 'client_credentials' grant type may not request .self scopes.",
  },
  no_org_scopes_granted: { status: 400, error: 'consent_required', description: 'You are not allowed any of the requested scopes.' },

  // DPoP proofs (token endpoint and resource calls)
  use_dpop_nonce: { status: 400, error: 'use_dpop_nonce', description: 'Authorization server requires nonce in DPoP proof.' },
  invalid_dpop_proof: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT is invalid.' },
  invalid_dpop_proof_missing_header: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT header is missing.' },
  invalid_dpop_proof_multiple_headers_not_allowed: {
    status: 400,
    error: 'invalid_dpop_proof',
    description: 'Multiple DPoP proof JWT headers are not allowed.',
  },
  invalid_dpop_proof_invalid_type: { status: 400, error: 'invalid_dpop_proof', description: "'typ' must be 'dpop+jwt' in the DPoP proof JWT." },
  invalid_dpop_proof_invalid_signature_algorithm: {
    status: 400,
    error: 'invalid_dpop_proof',
    description: 'The DPoP proof JWT signature algorithm is invalid.',
  },
  invalid_dpop_proof_invalid_jwt: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT cannot be parsed.' },
  invalid_dpop_proof_invalid_signature: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT signature is invalid.' },
  invalid_dpop_proof_invalid_htm: { status: 400, error: 'invalid_dpop_proof', description: "'htm' claim in the DPoP proof JWT is invalid." },
  invalid_dpop_proof_invalid_htu: { status: 400, error: 'invalid_dpop_proof', description: "'htu' claim in the DPoP proof JWT is invalid." },
  invalid_dpop_proof_invalid_iat: { status: 400, error: 'invalid_dpop_proof', description: "'iat' claim in the DPoP proof JWT is invalid." },
  invalid_dpop_proof_jwt_issued_in_future: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT is issued in the future.' },
  invalid_dpop_proof_jwt_too_old: {
    status: 400,
    error: 'invalid_dpop_proof',
    description: 'The DPoP proof JWT is issued more than five minutes in the past.',
  },
  invalid_dpop_proof_invalid_jti: { status: 400, error: 'invalid_dpop_proof', description: "'jti' claim in the DPoP proof JWT is invalid." },
  dpop_proof_already_used: { status: 400, error: 'invalid_dpop_proof', description: 'The DPoP proof JWT has already been used.' },
  dpop_proof_invalid_ath: {
    status: 400,
    error: 'invalid_dpop_proof',
    description: "'ath' claim in the DPoP proof does not match the presented access_token.",
  },
  invalid_access_token_dpop_binding: {
    status: 400,
    error: 'invalid_dpop_proof',
    description: 'The access_token is not bound to the provided DPoP proof.',
  },
  dpop_proof_required_for_token: { status: 400, error: 'invalid_request', description: 'The resource request requires a DPoP proof.' },
  dpop_authentication_scheme_required: {
    status: 400,
    error: 'invalid_request',
    description: 'The resource request must use the DPoP authentication scheme when using a DPoP bound token.',
  },

  // Access tokens on resource calls
  access_token_invalid: { status: 401, error: 'invalid_token', description: 'The access token is invalid.' },
  token_expired: { status: 401, error: 'invalid_token', description: 'The token has expired.' },
  access_token_revoked: { status: 401, error: 'invalid_token', description: 'The access token has been revoked.' },
  access_token_not_dpop_bound: { status: 401, error: 'invalid_token', description: 'The presented access_token is not DPoP bound.' },
  access_token_insufficient_scopes: {
    status: 403,
    error: 'insufficient_scope',
    description: 'The access token provided does not contain the required scopes.',
  },
} as const satisfies Record<string, { status: number; error: string; description: string }>;

export type OAuthErrorId = keyof typeof OAUTH_ERRORS;
