// Starts fauxqs (SNS, SQS and S3 on one port) bound to loopback only.
// fauxqs' own CLI listens on 0.0.0.0; a local stand-in must not be reachable from the network.
// Usage: node fauxqs-server.mjs <port> [host]
import { buildApp } from "fauxqs";

const port = Number.parseInt(process.argv[2] ?? "", 10);
const host = process.argv[3] ?? "127.0.0.1";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`fauxqs-server: invalid port '${process.argv[2] ?? ""}'`);
  process.exit(2);
}

const app = buildApp({ logger: false });
try {
  await app.listen({ port, host });
  console.log(`fauxqs listening on http://${host}:${port}`);
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
