// The STS stand-in (AssumeRole, GetCallerIdentity) and its role registry's admin API, bound to
// loopback only. See README "Identity stand-ins" and identity/*.mjs.
// Usage: node sts-server.mjs <port> [host]
// Environment: LOCAL_AWS_ACCOUNT_ID, the account of the "test"/"local" keys (default 111122223333).
//
// Policy evaluation uses @cloud-copilot/iam-simulate (AGPL-3.0): it runs only in this stand-in
// process and never ships in the product (see identity/policy-evaluation.mjs).
import { createServer } from "node:http";
import { ADMIN_PREFIX, handleRoleAdmin } from "./identity/role-admin-api.mjs";
import { RoleRegistry } from "./identity/role-registry.mjs";
import { handleStsRequest } from "./identity/sts-api.mjs";
import { serverArguments } from "./server-arguments.mjs";

const MAX_BODY_BYTES = 1_048_576;

const { port, host, owner } = serverArguments("sts-server");

const registry = new RoleRegistry();

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response, status, contentType, text) {
  response.writeHead(status, contentType ? { "content-type": contentType } : {});
  response.end(text);
}

async function route(request, response) {
  const url = new URL(request.url ?? "/", "http://localhost");
  const body = await readBody(request);
  if (url.pathname === "/health" && request.method === "GET") {
    return send(response, 200, "application/json", JSON.stringify({ status: "ok", ownerAccountId: owner }));
  }
  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    const answer = await handleRoleAdmin(request.method, url.pathname, body, registry);
    return send(response, answer.status, answer.body === undefined ? null : "application/json",
      answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }
  if (url.pathname === "/" && (request.method === "POST" || request.method === "GET")) {
    // The Query API takes its parameters from the form body or the query string.
    const params = Object.fromEntries(new URLSearchParams(request.method === "POST" ? body : url.search));
    const answer = await handleStsRequest(params, request.headers, { registry, owner });
    return send(response, answer.status, "text/xml", answer.xml);
  }
  return send(response, 404, "application/json", JSON.stringify({ error: `nothing at ${request.method} ${url.pathname}` }));
}

const server = createServer((request, response) => {
  route(request, response).catch((error) => {
    console.error(`sts-server: ${request.method} ${request.url} failed: ${error.stack ?? error}`);
    if (!response.headersSent) send(response, error.status ?? 500, "application/json", JSON.stringify({ error: error.message }));
    else response.destroy();
  });
});

server.on("error", (error) => {
  console.error(`sts-server: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`sts stand-in listening on http://${host}:${port} (owner account ${owner})`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
