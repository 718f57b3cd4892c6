// Who sent an AWS request: the access key id is read from the SigV4 Authorization header
// (Credential=<key>/<date>/<region>/<service>/aws4_request) and, for temporary keys, the session
// from X-Amz-Security-Token. The signature itself is NOT verified — none of the local stand-ins
// (dynalite, fauxqs) verify signatures; identity here means "which principal the key belongs to".
import { longTermPrincipal } from "./accounts.mjs";
import { readSession } from "./session-tokens.mjs";

const CREDENTIAL = /Credential=([^/,\s]+)\//;

export const MISSING_AUTHENTICATION = Object.freeze({
  code: "MissingAuthenticationToken",
  message: "Request is missing Authentication Token",
});
export const INVALID_KEY = Object.freeze({
  code: "InvalidClientTokenId",
  message: "The security token included in the request is invalid.",
});
export const EXPIRED_TOKEN = Object.freeze({
  code: "ExpiredToken",
  message: "The security token included in the request is expired",
});

/**
 * @param headers Node's lower-cased request headers.
 * @returns { principal: { arn, account, userId, isAssumedRole, roleArn? } } or { error: { code, message } }
 */
export function identifyCaller(headers, owner, now = new Date()) {
  const match = CREDENTIAL.exec(headers["authorization"] ?? "");
  if (!match) return { error: MISSING_AUTHENTICATION };
  const accessKeyId = match[1];
  const token = headers["x-amz-security-token"];
  if (token !== undefined || accessKeyId.startsWith("ASIA")) {
    const session = readSession(token);
    if (!session || session.key !== accessKeyId) return { error: INVALID_KEY };
    if (session.expiresAt <= now) return { error: EXPIRED_TOKEN };
    return {
      principal: { arn: session.arn, account: session.account, userId: session.userId, roleArn: session.roleArn, isAssumedRole: true },
    };
  }
  const user = longTermPrincipal(accessKeyId, owner);
  return user ? { principal: { ...user, isAssumedRole: false } } : { error: INVALID_KEY };
}

/**
 * The global condition keys AWS puts in every request's context for this principal; aws:PrincipalOrgID when its
 * account is in an organization (organizations.mjs).
 */
export function principalContext(principal, now = new Date(), organizationId = undefined) {
  const context = {
    "aws:PrincipalArn": principal.isAssumedRole ? principal.roleArn : principal.arn,
    "aws:PrincipalAccount": principal.account,
    "aws:PrincipalType": principal.isAssumedRole ? "AssumedRole" : "User",
    "aws:userid": principal.userId,
    "aws:CurrentTime": now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    // The stand-ins listen on plain HTTP.
    "aws:SecureTransport": "false",
  };
  if (organizationId) context["aws:PrincipalOrgID"] = organizationId;
  if (!principal.isAssumedRole) context["aws:username"] = principal.arn.slice(principal.arn.lastIndexOf("/") + 1);
  return context;
}
