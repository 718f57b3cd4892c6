// A policy gate for SNS Publish (and PublishBatch) in front of fauxqs, which stores topic policies
// but enforces none. Installed as a fastify preHandler hook in the fauxqs process
// (fauxqs-server.mjs); every other SNS, SQS and S3 request passes untouched.
//
// For each publish: who is calling (callers.mjs: the access key's principal), then the topic's
// access policy exactly as stored (read back through GetTopicAttributes, as the service wrote it),
// evaluated by iam-simulate for sns:Publish on the topic. The topic belongs to the owner account
// (LOCAL_AWS_ACCOUNT_ID; fauxqs spells it 000000000000 in its ARNs). Every local principal's
// identity policy allows everything, so:
//   - owner-account callers (the service, the tests' "test" key) publish unless a Deny statement
//     of the topic policy refuses them, as on AWS where their IAM identity policy allows them;
//   - other accounts publish only when the topic policy allows them, else 403 AuthorizationError;
//   - unknown access keys, malformed or expired session tokens and unsigned requests are refused as
//     SNS refuses them (403 InvalidClientTokenId / ExpiredToken / MissingAuthenticationToken).
// A topic without a policy admits only its owner (as SNS's default policy does); a policy that is
// not JSON (fauxqs accepts anything, SNS would not) is treated as no policy.
import { errorXml, SNS_XMLNS, unescapeXml } from "./aws-xml.mjs";
import { identifyCaller, principalContext } from "./callers.mjs";
import { evaluate } from "./policy-evaluation.mjs";

const GATED_ACTIONS = new Set(["Publish", "PublishBatch"]);
const POLICY_CHANGES = new Set(["CreateTopic", "SetTopicAttributes", "DeleteTopic"]);
const POLICY_ENTRY = /<entry><key>Policy<\/key><value>([\s\S]*?)<\/value><\/entry>/;
const TOPIC_MISSING = Symbol("topic missing");

export function installSnsPublishGate(app, owner, organizations) {
  const policies = new TopicPolicies(app);
  app.addHook("preHandler", async (request, reply) => {
    const params = queryParams(request);
    if (!params || !GATED_ACTIONS.has(params.Action)) return;
    const topicArn = params.TopicArn;
    if (typeof topicArn !== "string" || topicArn === "") return; // fauxqs answers the missing parameter

    const now = new Date();
    const caller = identifyCaller(request.headers, owner, now);
    if (caller.error) return refuse(reply, caller.error.code, caller.error.message);

    const topic = await policies.get(topicArn);
    if (topic === TOPIC_MISSING) return; // fauxqs answers NotFound
    // Same account, no Deny anywhere: the identity policy's Allow stands (IAM's evaluation logic).
    if (caller.principal.account === owner && !topic.hasDeny) return;

    const decision = await evaluate({
      principalArn: caller.principal.arn,
      action: "sns:Publish",
      resourceArn: topicArn,
      resourceAccount: owner,
      context: principalContext(caller.principal, now, organizations?.organizationOf(caller.principal.account)),
      resourcePolicy: topic.policy,
    });
    if (decision.allowed) return;
    if (decision.errors) console.error(`sns publish gate: the evaluator rejects the policy of ${topicArn}: ${decision.errors.join("; ")}`);
    const why = decision.result === "ExplicitlyDenied"
      ? "with an explicit deny in a resource-based policy"
      : "because no resource-based policy allows the SNS:Publish action";
    return refuse(reply, "AuthorizationError",
      `User: ${caller.principal.arn} is not authorized to perform: SNS:Publish on resource: ${topicArn} ${why}`);
  });
}

function queryParams(request) {
  const params = request.body;
  return request.method === "POST" && params && typeof params === "object" && !Buffer.isBuffer(params) ? params : null;
}

// Topic policies change only through SNS calls this process answers, so each topic's policy is read
// once and kept until the next CreateTopic, SetTopicAttributes or DeleteTopic (whose answer is sent only
// after the cache is dropped). A read that raced such a change is not kept (generation check).
class TopicPolicies {
  #topics = new Map();
  #generation = 0;
  #app;

  constructor(app) {
    this.#app = app;
    app.addHook("onSend", async (request, _reply, payload) => {
      if (POLICY_CHANGES.has(queryParams(request)?.Action)) {
        this.#topics.clear();
        this.#generation++;
      }
      return payload;
    });
  }

  /** { policy, hasDeny } of the topic, or TOPIC_MISSING. */
  async get(topicArn) {
    const cached = this.#topics.get(topicArn);
    if (cached) return cached;
    const generation = this.#generation;
    const text = await storedPolicy(this.#app, topicArn);
    const topic = text === TOPIC_MISSING ? TOPIC_MISSING : describe(parsePolicy(text, topicArn));
    if (generation === this.#generation) this.#topics.set(topicArn, topic);
    return topic;
  }
}

function describe(policy) {
  return { policy, hasDeny: hasDeny(policy) };
}

function refuse(reply, code, message) {
  reply.code(403).header("content-type", "text/xml").send(errorXml(SNS_XMLNS, code, message));
  return reply;
}

// Through fauxqs's own GetTopicAttributes, so the gate sees exactly what the service wrote and read.
async function storedPolicy(app, topicArn) {
  const answer = await app.inject({
    method: "POST",
    url: "/",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ Action: "GetTopicAttributes", TopicArn: topicArn, Version: "2010-03-31" }).toString(),
  });
  if (answer.statusCode !== 200) return TOPIC_MISSING;
  const match = POLICY_ENTRY.exec(answer.body);
  return match ? unescapeXml(match[1]) : undefined;
}

function parsePolicy(text, topicArn) {
  if (text === undefined || text === "") return undefined;
  try {
    const policy = JSON.parse(text);
    if (policy && typeof policy === "object" && !Array.isArray(policy)) return policy;
  } catch {
    // reported below
  }
  console.error(`sns publish gate: the policy of ${topicArn} is not a JSON policy document; evaluated as no policy`);
  return undefined;
}

function hasDeny(policy) {
  if (!policy) return false;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.some((statement) => statement?.Effect !== "Allow");
}
