import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface Asset {
  type: string;
  body: Buffer;
}

/**
 * The dashboard's page, scripts and styles, read once from the package's `src/dashboard/public/`:
 * looked for above this module (the sources) and in the node_modules folders above it (an app's
 * bundle, which carries the server, not the files), as Node finds a package. By URL path: no other file is served.
 */
export function dashboardAssets(): Map<string, Asset> {
  const root = join(packageRoot(dirname(fileURLToPath(import.meta.url))), "src/dashboard/public");
  const assets = new Map<string, Asset>();
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    const type = TYPES[extname(file)];
    if (type) assets.set(`/${file.split("\\").join("/")}`, { type, body: readFileSync(join(root, file)) });
  }
  return assets;
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [dir, join(dir, "node_modules/@skyport/local")]) if (isThisPackage(candidate)) return candidate;
    if (dir === dirname(dir)) throw new Error(`the dashboard's files: no @skyport/local package above ${from}`);
  }
}

function isThisPackage(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === "@skyport/local";
  } catch {
    return false;
  }
}
