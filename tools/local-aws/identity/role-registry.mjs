// The IAM roles the STS stand-in knows, registered through its admin API (role-admin-api.mjs):
// each with its trust policy exactly as given, its maximum session duration, and optionally a time
// before which it cannot be assumed yet (IAM is eventually consistent: a new or changed role can
// take seconds before STS honours it).
import { randomBytes } from "node:crypto";

export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const DEFAULT_MAX_SESSION_SECONDS = 3600;
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43200;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** { partition, account, name } of a role ARN, or null. Paths are accepted in ARNs and ignored. */
export function parseRoleArn(arn) {
  const match = ROLE_ARN.exec(arn ?? "");
  return match ? { partition: match[1], account: match[2], name: match[3] } : null;
}

export class RoleRegistry {
  #roles = new Map();

  // IAM role names are unique per account regardless of case.
  static #key(account, name) {
    return `${account}/${name.toLowerCase()}`;
  }

  get(account, name) {
    return this.#roles.get(RoleRegistry.#key(account, name)) ?? null;
  }

  list() {
    return [...this.#roles.values()];
  }

  /** Creates the role, or replaces it whole (a replaced role keeps its id, as an updated one does). */
  put(account, name, { trustPolicy, maxSessionDuration, notAssumableUntil }, now = new Date()) {
    const key = RoleRegistry.#key(account, name);
    const existing = this.#roles.get(key);
    const role = {
      arn: `arn:aws:iam::${account}:role/${existing?.name ?? name}`,
      name: existing?.name ?? name,
      account,
      // A role deleted and created again gets a new id, which is why trust in a re-created role breaks.
      roleId: existing?.roleId ?? "AROA" + randomBytes(16).toString("hex").toUpperCase().slice(0, 17),
      trustPolicy,
      maxSessionDuration: maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
      notAssumableUntil: notAssumableUntil ?? null,
      createDate: existing?.createDate ?? now,
    };
    this.#roles.set(key, role);
    return { role, created: !existing };
  }

  setTrustPolicy(account, name, trustPolicy, notAssumableUntil) {
    const role = this.get(account, name);
    if (!role) return null;
    role.trustPolicy = trustPolicy;
    role.notAssumableUntil = notAssumableUntil ?? null;
    return role;
  }

  delete(account, name) {
    return this.#roles.delete(RoleRegistry.#key(account, name));
  }
}

/** The admin API's view of a role. */
export function describeRole(role) {
  return {
    arn: role.arn,
    roleName: role.name,
    accountId: role.account,
    roleId: role.roleId,
    trustPolicy: role.trustPolicy,
    maxSessionDuration: role.maxSessionDuration,
    notAssumableUntil: role.notAssumableUntil?.toISOString() ?? null,
    createDate: role.createDate.toISOString(),
  };
}
