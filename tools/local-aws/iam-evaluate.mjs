// Decides IAM requests against given identity policies, for the deployment tests (Tests/Integration/Deployment):
// reads a JSON array of requests on standard input, writes a JSON array of decisions, in order, to standard output.
//   request:  { principalArn, action, resourceArn, resourceAccount, context?, resourcePolicy?, identityPolicies: [{ name, policy }] }
//   decision: { allowed, result: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Invalid", errors? }
// Usage: node iam-evaluate.mjs < requests.json
//
// The evaluator is @cloud-copilot/iam-simulate (AGPL-3.0): a development tool here, never shipped (identity/policy-evaluation.mjs).
import { decide } from "./identity/policy-evaluation.mjs";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
let requests;
try {
  requests = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (!Array.isArray(requests)) throw new Error("expected a JSON array of requests");
} catch (error) {
  console.error(`iam-evaluate: ${error.message}`);
  process.exit(2);
}
const decisions = [];
for (const request of requests) decisions.push(await decide(request));
process.stdout.write(JSON.stringify(decisions));
