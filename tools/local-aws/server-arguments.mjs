// What each stand-in server (fauxqs-server.mjs, sts-server.mjs) is started with: `<port> [host]`
// and LOCAL_AWS_ACCOUNT_ID. A bad value stops the process with exit code 2 and one line saying why.
import { ownerAccountId } from "./identity/accounts.mjs";

export function serverArguments(name, argv = process.argv) {
  const port = Number.parseInt(argv[2] ?? "", 10);
  const host = argv[3] ?? "127.0.0.1";
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`${name}: invalid port '${argv[2] ?? ""}'`);
    process.exit(2);
  }
  try {
    return { port, host, owner: ownerAccountId() };
  } catch (error) {
    console.error(`${name}: ${error.message}`);
    process.exit(2);
  }
}
