// The role registry's admin API. It lives under /_local/iam/ on the STS stand-in's port, apart
// from anything AWS serves (AWS's STS answers only POST / there):
//
//   GET    /_local/iam/roles                                  every role
//   PUT    /_local/iam/roles/{account}/{name}                 create or replace a role:
//          {"trustPolicy": <object or JSON text, kept exactly>, "maxSessionDuration": 3600,
//           "notAssumableUntil": "<ISO time>"}                → 201 created / 200 replaced
//   PUT    /_local/iam/roles/{account}/{name}/trust-policy    replace the trust policy (IAM's
//          UpdateAssumeRolePolicy): {"trustPolicy": …, "notAssumableUntil": …} → 200, 404 if no role
//   GET    /_local/iam/roles/{account}/{name}                 the role, 404 if none
//   DELETE /_local/iam/roles/{account}/{name}                 204, 404 if none
//
// "notAssumableUntil" simulates IAM's propagation delay: until then STS denies the role as if it
// did not exist yet. Errors are {"error": "...", "field": "..."} with 400, 404 or 405.
import { isAccountId } from "./accounts.mjs";
import { trustPolicyErrors } from "./policy-evaluation.mjs";
import { describeRole, MAX_SESSION_SECONDS, ROLE_NAME } from "./role-registry.mjs";

export const ADMIN_PREFIX = "/_local/iam/";
const ROLES_PATH = /^\/_local\/iam\/roles(?:\/([^/]+)\/([^/]+)(\/trust-policy)?)?\/?$/;
const MIN_ROLE_MAX_SESSION_SECONDS = 3600;

class BadRequest extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** Answers an admin request: { status, body } (body undefined for 204). */
export async function handleRoleAdmin(method, path, rawBody, registry) {
  const match = ROLES_PATH.exec(path);
  if (!match) return { status: 404, body: { error: `no admin resource at ${path}` } };
  const [, account, encodedName, trustPolicyOnly] = match;
  try {
    if (account === undefined) {
      return method === "GET"
        ? { status: 200, body: { roles: registry.list().map(describeRole) } }
        : notAllowed(method, path);
    }
    const name = decodeURIComponent(encodedName);
    if (!isAccountId(account)) throw new BadRequest("account", `'${account}' is not a 12-digit account id`);
    if (!ROLE_NAME.test(name)) throw new BadRequest("name", `'${name}' is not a valid role name ([\\w+=,.@-], 1 to 64 characters)`);

    if (trustPolicyOnly) {
      if (method !== "PUT") return notAllowed(method, path);
      const body = parseBody(rawBody);
      const role = registry.setTrustPolicy(account, name, await readTrustPolicy(body), readTime(body, "notAssumableUntil"));
      return role ? { status: 200, body: describeRole(role) } : noRole(account, name);
    }
    switch (method) {
      case "GET": {
        const role = registry.get(account, name);
        return role ? { status: 200, body: describeRole(role) } : noRole(account, name);
      }
      case "PUT": {
        const body = parseBody(rawBody);
        const { role, created } = registry.put(account, name, {
          trustPolicy: await readTrustPolicy(body),
          maxSessionDuration: readMaxSessionDuration(body),
          notAssumableUntil: readTime(body, "notAssumableUntil"),
        });
        return { status: created ? 201 : 200, body: describeRole(role) };
      }
      case "DELETE":
        return registry.delete(account, name) ? { status: 204 } : noRole(account, name);
      default:
        return notAllowed(method, path);
    }
  } catch (error) {
    if (error instanceof BadRequest) return { status: 400, body: { error: error.message, field: error.field } };
    throw error;
  }
}

function parseBody(rawBody) {
  try {
    const body = JSON.parse(rawBody || "null");
    if (body && typeof body === "object" && !Array.isArray(body)) return body;
  } catch {
    // answered below
  }
  throw new BadRequest("body", "the body must be a JSON object");
}

// Kept as text exactly as given: the role holds the trust policy the template rendered.
async function readTrustPolicy(body) {
  const value = body.trustPolicy;
  const text = typeof value === "string" ? value : value && typeof value === "object" ? JSON.stringify(value) : null;
  if (text === null) throw new BadRequest("trustPolicy", "trustPolicy is required (a policy document, as an object or as JSON text)");
  let policy;
  try {
    policy = JSON.parse(text);
  } catch {
    throw new BadRequest("trustPolicy", "trustPolicy is not valid JSON");
  }
  const errors = await trustPolicyErrors(policy);
  if (errors.length > 0) throw new BadRequest("trustPolicy", `MalformedPolicyDocument: ${errors.join("; ")}`);
  return text;
}

function readMaxSessionDuration(body) {
  const value = body.maxSessionDuration;
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < MIN_ROLE_MAX_SESSION_SECONDS || value > MAX_SESSION_SECONDS) {
    throw new BadRequest("maxSessionDuration", `maxSessionDuration must be whole seconds from ${MIN_ROLE_MAX_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`);
  }
  return value;
}

function readTime(body, field) {
  const value = body[field];
  if (value === undefined || value === null) return null;
  const time = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) throw new BadRequest(field, `${field} must be an ISO 8601 time`);
  return time;
}

function noRole(account, name) {
  return { status: 404, body: { error: `no role ${name} in account ${account}` } };
}

function notAllowed(method, path) {
  return { status: 405, body: { error: `${method} is not supported on ${path}` } };
}
