import type { ObjectStore } from "../ports/object-store.js";

/** A bucket in memory, for unit tests of core: objects read back in small chunks, as a network stream would give them. */
export class MemoryBucket implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();

  constructor(private readonly chunkBytes = 4096) {}

  async read(name: string): Promise<AsyncIterable<Uint8Array>> {
    const content = this.objects.get(name);
    if (!content) throw new Error(`no object ${name}`);
    const size = this.chunkBytes;
    return (async function* () {
      for (let at = 0; at < content.byteLength; at += size) yield content.subarray(at, at + size);
    })();
  }

  async write(name: string, body: string): Promise<void> {
    this.objects.set(name, Buffer.from(body));
  }
}
