// Starts fauxqs (SNS, SQS and S3 on one port) bound to loopback only, with the SNS publish gate
// (identity/sns-publish-gate.mjs) that enforces topic access policies fauxqs only stores, and the
// organization registry (identity/organizations.mjs) behind aws:PrincipalOrgID.
// fauxqs' own CLI listens on 0.0.0.0; a local stand-in must not be reachable from the network.
// Usage: node fauxqs-server.mjs <port> [host]
// Environment: LOCAL_AWS_ACCOUNT_ID, the account owning the topics (default 111122223333).
import { buildApp } from "fauxqs";
import { installOrganizationsAdmin, OrganizationRegistry } from "./identity/organizations.mjs";
import { installSnsPublishGate } from "./identity/sns-publish-gate.mjs";
import { serverArguments } from "./server-arguments.mjs";

const { port, host, owner } = serverArguments("fauxqs-server");

const app = buildApp({ logger: false });
const organizations = new OrganizationRegistry();
installOrganizationsAdmin(app, organizations);
installSnsPublishGate(app, owner, organizations);
try {
  await app.listen({ port, host });
  console.log(`fauxqs listening on http://${host}:${port} (topics owned by account ${owner})`);
} catch (err) {
  console.error(`fauxqs-server: cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await app.close();
    process.exit(0);
  });
}
