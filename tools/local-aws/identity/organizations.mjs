// Which AWS Organization each account belongs to, for the SNS publish gate's aws:PrincipalOrgID (the key
// AWS puts in a request's context when the calling principal's account is in an organization). There is
// no Organizations API here: the tests and the customer simulator play the organization through this
// admin API, under /_local/organizations/ on the fauxqs port (AWS serves nothing there):
//
//   PUT    /_local/organizations/{organizationId}/accounts/{account}   the account joins (or moves to) it → 204
//   DELETE /_local/organizations/{organizationId}/accounts/{account}   the account leaves it → 204, 404 if not a member
//   GET    /_local/organizations/{organizationId}/accounts             {"accounts": [...]}
//
// NOT VERIFIED ON AWS: that CloudFormation's publish on a custom resource's behalf carries aws:PrincipalOrgID.
// The gate assumes it does, so that the service's organization statement can be exercised here at all.
import { isAccountId } from "./accounts.mjs";

export const ORGANIZATIONS_PREFIX = "/_local/organizations/";
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_PATH = /^\/_local\/organizations\/([^/]+)\/accounts(?:\/([^/]+))?\/?$/;

export class OrganizationRegistry {
  #organizationOf = new Map();

  /** The organization id of the account, or undefined. */
  organizationOf(account) {
    return this.#organizationOf.get(account);
  }

  /** Answers an admin request: { status, body }. */
  handle(method, path) {
    const match = ACCOUNT_PATH.exec(path);
    if (!match) return { status: 404, body: { error: `no admin resource at ${path}` } };
    const [, organization, account] = match;
    if (!ORGANIZATION_ID.test(organization)) return { status: 400, body: { error: `'${organization}' is not an organization id`, field: "organizationId" } };
    if (account === undefined) {
      if (method !== "GET") return { status: 405, body: { error: `${method} is not supported on ${path}` } };
      const accounts = [...this.#organizationOf].filter(([, o]) => o === organization).map(([a]) => a).sort();
      return { status: 200, body: { accounts } };
    }
    if (!isAccountId(account)) return { status: 400, body: { error: `'${account}' is not a 12-digit account id`, field: "account" } };
    switch (method) {
      case "PUT":
        this.#organizationOf.set(account, organization);
        return { status: 204 };
      case "DELETE":
        if (this.#organizationOf.get(account) !== organization) return { status: 404, body: { error: `${account} is not in ${organization}` } };
        this.#organizationOf.delete(account);
        return { status: 204 };
      default:
        return { status: 405, body: { error: `${method} is not supported on ${path}` } };
    }
  }
}

/** Serves the registry's admin API ahead of fauxqs's own routes (an onRequest hook: fauxqs's S3 routes would take the path). */
export function installOrganizationsAdmin(app, registry) {
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0];
    if (!path.startsWith(ORGANIZATIONS_PREFIX)) return;
    const { status, body } = registry.handle(request.method, path);
    if (body === undefined) reply.code(status).send();
    else reply.code(status).header("content-type", "application/json").send(JSON.stringify(body));
    return reply;
  });
}
