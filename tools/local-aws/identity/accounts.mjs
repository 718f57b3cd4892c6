// Which principal a long-term access key belongs to. There is no IAM user store: keys follow a
// documented convention, so every process of the stand-ins (STS, the SNS gate) agrees without
// sharing state.
//   - "test" and "local" (the keys the tests, the benchmark and the service use today) are the user
//     arn:aws:iam::<owner>:user/local of the owner account: the account that owns everything on
//     fauxqs (topics, queues, buckets), LOCAL_AWS_ACCOUNT_ID, default 111122223333 (the partner
//     account of the tests and of appsettings.Development.json).
//   - "AKIALOCAL<12-digit account>" is the user arn:aws:iam::<account>:user/local of that account,
//     e.g. a customer's account (any secret).
import { createHash } from "node:crypto";

export const DEFAULT_OWNER_ACCOUNT_ID = "111122223333";
export const OWNER_KEYS = Object.freeze(["test", "local"]);
export const ACCOUNT_KEY_PREFIX = "AKIALOCAL";
export const LOCAL_USER_NAME = "local";

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(text) {
  return typeof text === "string" && ACCOUNT_ID.test(text);
}

/** The owner account from LOCAL_AWS_ACCOUNT_ID; a malformed value stops the stand-in at start-up. */
export function ownerAccountId(env = process.env) {
  const account = env.LOCAL_AWS_ACCOUNT_ID || DEFAULT_OWNER_ACCOUNT_ID;
  if (!isAccountId(account)) {
    throw new Error(`LOCAL_AWS_ACCOUNT_ID must be a 12-digit account id, not '${account}'`);
  }
  return account;
}

export function accountKeyFor(account) {
  return ACCOUNT_KEY_PREFIX + account;
}

/** The IAM user a long-term key belongs to, or null for an unknown key. */
export function longTermPrincipal(accessKeyId, owner) {
  let account = null;
  if (OWNER_KEYS.includes(accessKeyId)) account = owner;
  else if (accessKeyId.startsWith(ACCOUNT_KEY_PREFIX) && isAccountId(accessKeyId.slice(ACCOUNT_KEY_PREFIX.length))) {
    account = accessKeyId.slice(ACCOUNT_KEY_PREFIX.length);
  }
  if (account === null) return null;
  return {
    arn: `arn:aws:iam::${account}:user/${LOCAL_USER_NAME}`,
    account,
    userId: uniqueId("AIDA", account),
  };
}

/** An IAM unique id (AIDA…, AROA…): a prefix and 17 characters, stable for the same seed. */
export function uniqueId(prefix, seed) {
  const digest = createHash("sha256").update(seed).digest("base64").replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  return prefix + digest.slice(0, 17);
}
