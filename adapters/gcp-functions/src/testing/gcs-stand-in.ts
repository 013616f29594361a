import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { StorageObjectData } from "../object/storage-event.js";

/**
 * A stand-in for the Cloud Storage JSON API's media endpoints, in memory, on 127.0.0.1: the
 * simple and multipart uploads (`POST /upload/storage/v1/b/<bucket>/o`) and the media download
 * (`GET /storage/v1/b/<bucket>/o/<name>?alt=media`, or `/b/...` as the client sends it when
 * `STORAGE_EMULATOR_HOST` is set in its process), which is what `@google-cloud/storage` calls
 * for `file.save({ resumable: false })` and `file.createReadStream()`. Not Cloud Storage: no
 * resumable uploads, listing, preconditions or auth. The Firebase Storage emulator would serve
 * the JSON API, but it needs a jar downloaded at run time (offline, its rules runtime must be
 * stubbed) and a 312 MB install, so it is not used here. Every upload is announced to
 * `onFinalized`, as object.finalized would be.
 */
export interface GcsStandIn {
  url: string;
  objects: Map<string, Buffer>;
  onFinalized?: (object: StorageObjectData) => void;
  close(): Promise<void>;
}

/** Starts the Cloud Storage stand-in (`GcsStandIn`) on a free port of 127.0.0.1. */
export async function startGcsStandIn(): Promise<GcsStandIn> {
  const objects = new Map<string, Buffer>();
  let generation = Date.now();
  const standIn: GcsStandIn = { url: "", objects, close: async () => {} };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://gcs");
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    // The client sends downloads to <STORAGE_EMULATOR_HOST>/b/... when that variable is set in its process (its base URL is the variable itself).
    const media = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (request.method === "POST" && upload) {
      const body = await bodyOf(request);
      const { name: named, content } = url.searchParams.get("uploadType") === "multipart" ? multipart(request, body) : { content: body };
      // The client names the object in the query; a multipart upload may name it in its metadata instead.
      const name = named ?? url.searchParams.get("name") ?? "";
      const bucket = decodeURIComponent(upload[1]!);
      objects.set(`${bucket}/${name}`, content);
      const resource: StorageObjectData = {
        bucket,
        name,
        size: String(content.byteLength),
        md5Hash: createHash("md5").update(content).digest("base64"),
        generation: String(++generation),
      };
      standIn.onFinalized?.(resource);
      return send(200, { kind: "storage#object", id: `${bucket}/${name}/${resource.generation}`, ...resource });
    }
    if (request.method === "GET" && media && url.searchParams.get("alt") === "media") {
      const content = objects.get(`${decodeURIComponent(media[1]!)}/${decodeURIComponent(media[2]!)}`);
      if (!content) return send(404, { error: { code: 404, message: "No such object" } });
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": content.byteLength });
      // In pieces, as a network download arrives.
      for (let at = 0; at < content.byteLength; at += 64 * 1024) response.write(content.subarray(at, at + 64 * 1024));
      return response.end();
    }
    send(501, { error: { code: 501, message: `${request.method} ${url.pathname} is not part of this stand-in` } });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  };
  return standIn;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** multipart/related: the object's JSON metadata, then its bytes. */
function multipart(request: IncomingMessage, body: Buffer): { name?: string; content: Buffer } {
  const boundary = /boundary="?([^";]+)"?/.exec(request.headers["content-type"] ?? "")?.[1];
  if (!boundary) throw new Error("multipart upload without a boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    parts.push(body.subarray(at + delimiter.length, next));
    at = next;
  }
  const payload = (part: Buffer) => part.subarray(part.indexOf("\r\n\r\n") + 4, part.length - 2);
  const metadata = JSON.parse(payload(parts[0]!).toString("utf8")) as { name?: string };
  return { name: metadata.name, content: payload(parts[1]!) };
}
