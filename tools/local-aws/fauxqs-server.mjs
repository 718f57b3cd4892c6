// Starts fauxqs (SNS, SQS and S3 on one port) bound to loopback only, with the SNS publish gate
// (identity/sns-publish-gate.mjs) that enforces topic access policies fauxqs only stores.
// fauxqs' own CLI listens on 0.0.0.0; a local stand-in must not be reachable from the network.
// Usage: node fauxqs-server.mjs <port> [host]
// Environment: LOCAL_AWS_ACCOUNT_ID, the account owning the topics (default 111122223333).
import { buildApp } from "fauxqs";
import { ownerAccountId } from "./identity/accounts.mjs";
import { installSnsPublishGate } from "./identity/sns-publish-gate.mjs";

const port = Number.parseInt(process.argv[2] ?? "", 10);
const host = process.argv[3] ?? "127.0.0.1";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`fauxqs-server: invalid port '${process.argv[2] ?? ""}'`);
  process.exit(2);
}
let owner;
try {
  owner = ownerAccountId();
} catch (err) {
  console.error(`fauxqs-server: ${err.message}`);
  process.exit(2);
}

const app = buildApp({ logger: false });
installSnsPublishGate(app, owner);
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
