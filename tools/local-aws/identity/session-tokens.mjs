// Temporary credentials for an assumed role, as STS issues them: an ASIA… access key id, a secret,
// a session token of realistic length (several hundred characters) and an expiry.
//
// The session token carries the session itself (base64url JSON: key id, assumed-role ARN, expiry)
// followed by random padding, so any stand-in process (STS, the SNS gate in the fauxqs process) can
// tell who a temporary key belongs to without shared state. Like request signatures, it is not
// cryptographically protected: these stand-ins check identity and policy, not cryptography.
import { randomBytes } from "node:crypto";

const ACCESS_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const TOKEN_VERSION = 1;
const PADDING_BYTES = 300;

function randomKeyId(prefix) {
  const bytes = randomBytes(16);
  let id = prefix;
  for (const byte of bytes) id += ACCESS_KEY_ALPHABET[byte % ACCESS_KEY_ALPHABET.length];
  return id;
}

/**
 * @param session { partition, account, roleArn, roleId, roleName, sessionName, expiresAt: Date }
 * @returns { accessKeyId, secretAccessKey, sessionToken, expiration: Date, assumedRoleArn, assumedRoleId }
 */
export function issueSession(session) {
  const accessKeyId = randomKeyId("ASIA");
  const assumedRoleArn = `arn:${session.partition ?? "aws"}:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}`;
  const assumedRoleId = `${session.roleId}:${session.sessionName}`;
  const payload = {
    v: TOKEN_VERSION,
    key: accessKeyId,
    arn: assumedRoleArn,
    account: session.account,
    userId: assumedRoleId,
    roleArn: session.roleArn,
    exp: Math.floor(session.expiresAt.getTime() / 1000),
  };
  const sessionToken =
    Buffer.from(JSON.stringify(payload)).toString("base64url") + "." + randomBytes(PADDING_BYTES).toString("base64url");
  return {
    accessKeyId,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken,
    expiration: session.expiresAt,
    assumedRoleArn,
    assumedRoleId,
  };
}

/** The session a token describes ({ key, arn, account, userId, roleArn, expiresAt }), or null if it is not one of ours. */
export function readSession(sessionToken) {
  if (typeof sessionToken !== "string") return null;
  const dot = sessionToken.indexOf(".");
  if (dot <= 0) return null;
  try {
    const payload = JSON.parse(Buffer.from(sessionToken.slice(0, dot), "base64url").toString("utf8"));
    if (payload?.v !== TOKEN_VERSION || typeof payload.key !== "string" || typeof payload.arn !== "string"
        || typeof payload.account !== "string" || !Number.isInteger(payload.exp)) {
      return null;
    }
    return { ...payload, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
