import { connect as tcp } from "node:net";
import { connect as tls } from "node:tls";
import type { ContractRequest, ContractResponse } from "./http-target.js";

/**
 * One HTTP/1.1 request written byte for byte, for header values fetch refuses to send (control
 * characters, DEL): the server, not the client, must be the one to refuse them.
 */
export async function rawHttpRequest(base: URL, request: ContractRequest, via: { socketPath?: string } = {}): Promise<ContractResponse> {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers = { host: base.host, connection: "close", "content-length": String(body.length), ...request.headers };
  const head =
    `${request.method} ${base.pathname.replace(/\/$/, "")}${request.path} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("") +
    "\r\n";
  const port = Number(base.port || (base.protocol === "https:" ? 443 : 80));
  const received = await new Promise<Buffer>((resolve, reject) => {
    const socket = via.socketPath
      ? tcp(via.socketPath)
      : base.protocol === "https:"
        ? tls({ host: base.hostname, port, servername: base.hostname })
        : tcp(port, base.hostname);
    const chunks: Buffer[] = [];
    socket.once(base.protocol === "https:" && !via.socketPath ? "secureConnect" : "connect", () =>
      socket.end(Buffer.concat([Buffer.from(head, "latin1"), body])),
    );
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.once("end", () => resolve(Buffer.concat(chunks)));
    socket.once("error", reject);
  });
  return parseResponse(received);
}

function parseResponse(bytes: Buffer): ContractResponse {
  const end = bytes.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = unchunked(body);
  return { status: Number(statusLine!.split(" ")[1]), headers, body: body.toString("utf8") };
}

function unchunked(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const lineEnd = bytes.indexOf("\r\n", at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
