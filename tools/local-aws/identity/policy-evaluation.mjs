// IAM policy evaluation by a real evaluator, @cloud-copilot/iam-simulate (pinned in package.json).
//
// LICENCE: iam-simulate is AGPL-3.0. It runs only inside the local stand-in processes (the STS
// stand-in and the fauxqs process's SNS publish gate), which are development tools of this
// repository. It must never be linked into, bundled with or shipped as part of the product
// (Silo, Api, Grains or their images).
import { runSimulation } from "@cloud-copilot/iam-simulate";

// Every local principal's own (identity) policy allows everything: only the resource's policy (a
// role's trust policy, a topic's access policy) decides, which is what these stand-ins exist to check.
// On AWS a cross-account call needs both; a same-account call needs either.
const IDENTITY_POLICIES = Object.freeze([
  { name: "LocalAllowAll", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
]);

/**
 * Decides one request.
 * @param request { principalArn, action, resourceArn, resourceAccount, context: {key: value}, resourcePolicy: object|undefined }
 * @returns { allowed: boolean, result: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Invalid", errors?: string[] }
 */
export async function evaluate(request) {
  return decide({ ...request, identityPolicies: IDENTITY_POLICIES });
}

/**
 * Decides one request with the principal's own identity policies given (deploy/onboarding.yaml's, for the
 * least-privilege tests: iam-evaluate.mjs).
 * @param request as for evaluate, plus identityPolicies: [{ name, policy }]
 */
export async function decide(request) {
  const outcome = await runSimulation(
    {
      request: {
        principal: request.principalArn,
        action: request.action,
        resource: { resource: request.resourceArn, accountId: request.resourceAccount },
        contextVariables: request.context ?? {},
      },
      identityPolicies: request.identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (outcome.resultType === "error") {
    return { allowed: false, result: "Invalid", errors: describeErrors(outcome.errors) };
  }
  return { allowed: outcome.overallResult === "Allowed", result: outcome.overallResult };
}

/** What the evaluator rejects in a trust policy (empty when it is usable). */
export async function trustPolicyErrors(policy) {
  const outcome = await evaluate({
    principalArn: "arn:aws:iam::000000000000:user/validation",
    action: "sts:AssumeRole",
    resourceArn: "arn:aws:iam::000000000001:role/validation",
    resourceAccount: "000000000001",
    resourcePolicy: policy,
  });
  return outcome.errors ?? [];
}

function describeErrors(errors) {
  const list = [];
  for (const [kind, value] of Object.entries(errors ?? {})) {
    if (kind === "message") continue;
    const entries = Array.isArray(value) ? value : Object.values(value).flat();
    for (const entry of entries) list.push(typeof entry === "string" ? entry : `${entry.message}${entry.path ? ` (at ${entry.path})` : ""}`);
  }
  return list.length > 0 ? list : [errors?.message ?? "invalid policy"];
}
