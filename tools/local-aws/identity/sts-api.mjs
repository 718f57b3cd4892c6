// The STS Query API as AWSSDK.SecurityToken sends it (POST /, form-encoded Action=…&Version=2011-06-15,
// SigV4-signed): AssumeRole and GetCallerIdentity, with AWS's XML answers and error codes.
import { errorXml, elements, resultXml, STS_XMLNS } from "./aws-xml.mjs";
import { identifyCaller, principalContext } from "./callers.mjs";
import { evaluate } from "./policy-evaluation.mjs";
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, parseRoleArn } from "./role-registry.mjs";
import { issueSession } from "./session-tokens.mjs";

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_CHAINING_MAX_SECONDS = 3600;

const fail = (status, code, message) => ({ status, xml: errorXml(STS_XMLNS, code, message) });
const invalid = (message) => fail(400, "ValidationError", message);
const constraint = (value, field, rule) =>
  invalid(`1 validation error detected: Value ${value === undefined ? "null" : `'${value}'`} at '${field}' failed to satisfy constraint: ${rule}`);

/**
 * @param params the form fields (Action, RoleArn, …)
 * @param headers the request's lower-cased headers
 * @returns { status, xml }
 */
export async function handleStsRequest(params, headers, { registry, owner, now = new Date() }) {
  const action = params.Action;
  if (action !== "AssumeRole" && action !== "GetCallerIdentity") {
    return fail(400, "InvalidAction", `Could not find operation ${action ?? "(none)"} for version 2011-06-15`);
  }
  const caller = identifyCaller(headers, owner, now);
  if (caller.error) return fail(403, caller.error.code, caller.error.message);
  return action === "AssumeRole"
    ? assumeRole(params, caller.principal, registry, now)
    : { status: 200, xml: resultXml(STS_XMLNS, action, elements({ Arn: caller.principal.arn, UserId: caller.principal.userId, Account: caller.principal.account })) };
}

async function assumeRole(params, caller, registry, now) {
  const { RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId, DurationSeconds: durationText } = params;
  if (roleArn === undefined) return constraint(roleArn, "roleArn", "Member must not be null");
  if (roleArn.length < 20 || roleArn.length > 2048) return constraint(roleArn, "roleArn", "Member must have length between 20 and 2048");
  if (sessionName === undefined) return constraint(sessionName, "roleSessionName", "Member must not be null");
  if (!SESSION_NAME.test(sessionName)) {
    return constraint(sessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64");
  }
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    return constraint(externalId, "externalId", "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224");
  }
  const duration = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
  if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS || duration > MAX_SESSION_SECONDS) {
    return constraint(durationText, "durationSeconds", `Member must have value between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS}`);
  }
  const target = parseRoleArn(roleArn);
  if (!target) return invalid(`${roleArn} is invalid`);

  // AWS does not say whether the role is missing, not yet propagated or not trusting the caller.
  const denied = fail(403, "AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  const role = registry.get(target.account, target.name);
  if (!role || (role.notAssumableUntil && role.notAssumableUntil > now)) return denied;
  const context = { ...principalContext(caller, now), "sts:RoleSessionName": sessionName };
  if (externalId !== undefined) context["sts:ExternalId"] = externalId;
  const decision = await evaluate({
    principalArn: caller.arn,
    action: "sts:AssumeRole",
    resourceArn: role.arn,
    resourceAccount: role.account,
    context,
    resourcePolicy: JSON.parse(role.trustPolicy),
  });
  if (!decision.allowed) return denied;

  if (duration > role.maxSessionDuration) return invalid("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  if (caller.isAssumedRole && duration > ROLE_CHAINING_MAX_SECONDS) {
    return invalid("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }
  const session = issueSession({
    partition: target.partition,
    account: role.account,
    roleArn: role.arn,
    roleId: role.roleId,
    roleName: role.name,
    sessionName,
    expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000),
  });
  const body = [
    "    <Credentials>",
    elements({
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
    }, "      "),
    "    </Credentials>",
    "    <AssumedRoleUser>",
    elements({ AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn }, "      "),
    "    </AssumedRoleUser>",
  ].join("\n");
  return { status: 200, xml: resultXml(STS_XMLNS, "AssumeRole", body) };
}
