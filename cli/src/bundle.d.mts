import type { Metafile, Plugin } from "esbuild";

/** What `bundle` builds: generated entry code, resolved from the app's folder, to `outfile` under `distDir` (dist/). */
export interface BundleOptions {
  contents: string;
  outfile: string;
  /** The metafile's name: dist/meta/<meta>.json. */
  meta: string;
  target?: string;
  external?: string[];
  define?: Record<string, string>;
  plugins?: Plugin[];
  distDir?: string;
  sourcemap?: boolean | "external" | "inline" | "linked" | "both";
  /** Each dynamically imported module a chunk beside `outfile` (chunks/), read at its first import(). */
  splitting?: boolean;
}

/** Bundles generated entry code (ESM, minified) and writes its esbuild metafile to dist/meta/<meta>.json. */
export function bundle(appDir: string, options: BundleOptions): Promise<Metafile>;
