// Test fixture: a git smart-HTTP server (node:http spawning `git http-backend` as a CGI), with
// optional token auth and an optional delay, to exercise safeClone like a real forge would.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GitHttpServerOptions {
  /** Directory holding the (bare) repositories; URLs are `${url}/<name>.git`. */
  projectRoot: string;
  /** Require `Authorization: Basic base64(x-access-token:<token>)` (or Bearer <token>). */
  token?: string;
  /** Delay every upload-pack POST by this long before answering (a slow server). */
  uploadPackDelayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  status: number;
}

export interface GitHttpServer {
  url: string;
  requests: RecordedRequest[];
  /** Changes the upload-pack delay for later requests. */
  setUploadPackDelay(ms: number): void;
  close(): Promise<void>;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  if (header === `Bearer ${token}`) return true;
  if (!header.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1) === token;
}

function handle(req: IncomingMessage, res: ServerResponse, opts: GitHttpServerOptions, record: RecordedRequest, delayMs: number) {
  const url = new URL(req.url ?? "/", "http://localhost");
  const env: Record<string, string> = {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: "/nonexistent",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_PROJECT_ROOT: opts.projectRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    REMOTE_USER: opts.token ? "x-access-token" : "",
  };
  if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = String(req.headers["content-encoding"]);
  if (req.headers["git-protocol"]) env.GIT_PROTOCOL = String(req.headers["git-protocol"]);
  if (req.headers["content-length"]) env.CONTENT_LENGTH = String(req.headers["content-length"]);

  const start = () => {
    const cgi = spawn("git", ["http-backend"], { env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      let sep = head.indexOf("\r\n\r\n");
      let sepLen = 4;
      if (sep < 0) {
        sep = head.indexOf("\n\n");
        sepLen = 2;
      }
      if (sep < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, sep).toString("utf8").split(/\r?\n/)) {
        const i = line.indexOf(":");
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      record.status = status;
      res.statusCode = status;
      res.write(head.subarray(sep + sepLen));
    });
    cgi.stderr.resume();
    cgi.on("close", () => res.end());
    cgi.on("error", () => {
      res.statusCode = 500;
      res.end();
    });
  };
  if (delayMs > 0) setTimeout(start, delayMs);
  else start();
}

export async function startGitHttpServer(opts: GitHttpServerOptions): Promise<GitHttpServer> {
  const requests: RecordedRequest[] = [];
  let delay = opts.uploadPackDelayMs ?? 0;
  const server: Server = createServer((req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      authorization: req.headers.authorization,
      status: 0,
    };
    requests.push(record);
    if (opts.token && !authorized(req, opts.token)) {
      record.status = 401;
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="fixture"', "Content-Type": "text/plain" });
      res.end("authentication required\n");
      return;
    }
    const isUploadPack = req.method === "POST" && (req.url ?? "").includes("git-upload-pack");
    handle(req, res, opts, record, isUploadPack ? delay : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setUploadPackDelay(ms) {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
