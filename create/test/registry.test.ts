import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockedEngines, nodeLines, refusing } from "./node-engines.js";
import { type Registry, startRegistry } from "./verdaccio.js";

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "../..");
const execFileAsync = promisify(execFile);
/** A command's run; when it fails, the end of what it printed is in the error. */
const run = (command: string, args: string[], options: Parameters<typeof execFileAsync>[2]) =>
  execFileAsync(command, args, { encoding: "utf8", ...options }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    error.message += `\n${`${error.stdout ?? ""}\n${error.stderr ?? ""}`.trim().split("\n").slice(-40).join("\n")}`;
    throw error;
  });
/** What ships: every framework package, and the starter. The reference app, the bench, deploy and docs stay private. */
const PUBLISHED = [
  "@skyport/aws-lambda",
  "@skyport/azure-functions",
  "@skyport/cli",
  "@skyport/core",
  "@skyport/cosmos",
  "@skyport/dynamodb",
  "@skyport/firestore",
  "@skyport/gcp-functions",
  "@skyport/local",
  "@skyport/redis",
  "@skyport/sqlite",
  "create-skyport",
];
const VERSION = (JSON.parse(readFileSync(join(REPOSITORY, "create/package.json"), "utf8")) as { version: string }).version;

describe(`npm create skyport@${VERSION}, as a user runs it: on the packages this repository publishes, from a registry of the test's own`, () => {
  // Outside the repository: nothing resolves from its node_modules or workspaces.
  const work = mkdtempSync(join(tmpdir(), "skyport-published-"));
  const home = join(work, "home");
  const project = join(home, "my-app");
  let registry: Registry;
  const started = Date.now();
  // Each step needs the one before it: after a failure the later steps are skipped, not failed again.
  let failed: string | undefined;
  const step = (name: string, body: () => Promise<void>) =>
    it(name, async (context) => {
      if (failed) context.skip(`needs "${failed}"`);
      try {
        await body();
      } catch (error) {
        failed = name;
        throw error;
      }
    });

  beforeAll(async () => {
    mkdirSync(home);
    registry = await startRegistry(join(work, "registry"));
  });
  afterAll(async () => {
    await registry?.stop();
    console.log(`create-skyport: published, created, installed, built, tested and served in ${Math.round((Date.now() - started) / 1000)} s`);
    rmSync(work, { recursive: true, force: true });
  });

  /** npm as a user's shell runs it: none of this test run's npm or vitest variables; the registry's npmrc and an npm cache of this test's own. */
  const npm = (cwd: string, ...args: string[]) => run("npm", args, { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 });
  function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const inherited = Object.entries(process.env).filter(([name]) => !/^(npm_|vitest|init_cwd$|node_env$|test$)/i.test(name));
    return {
      ...Object.fromEntries(inherited),
      npm_config_userconfig: registry.npmrc,
      npm_config_cache: join(work, "npm-cache"),
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      NO_COLOR: "1",
      ...extra,
    };
  }

  step("publishes every framework package and create-skyport, built, to the registry", async () => {
    // Under npm test, its pretest has just built every package, and a build now would empty the dist/ folders other projects' tests may read.
    if (process.env.npm_lifecycle_event !== "test")
      await run("npx", ["turbo", "run", "build", ...PUBLISHED.flatMap((name) => ["--filter", name])], {
        cwd: REPOSITORY,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
        maxBuffer: 64 * 1024 * 1024,
      });
    await run("npm", ["publish", "--workspaces", "--registry", registry.url], {
      cwd: REPOSITORY,
      env: { ...process.env, npm_config_userconfig: registry.npmrc },
      maxBuffer: 64 * 1024 * 1024,
    });
    const versions = await Promise.all(
      PUBLISHED.map(async (name) => {
        const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
        return [name, response.ok ? Object.keys(((await response.json()) as { versions: object }).versions) : response.status];
      }),
    );
    expect(Object.fromEntries(versions)).toEqual(Object.fromEntries(PUBLISHED.map((name) => [name, [VERSION]])));
  });

  step(
    `npm create skyport@${VERSION} my-app writes a project: package.json on the published versions, src/app.ts, 3 deploy templates, tests, README, .gitignore`,
    async () => {
      await expect(run("git", ["rev-parse", "--show-toplevel"], { cwd: home }), "the project's folder is in no repository").rejects.toThrow();
      await npm(home, "create", `skyport@${VERSION}`, "my-app", "--registry", registry.url, "--yes");
      const files = [
        "package.json",
        "src/app.ts",
        "deploy/aws/template.yaml",
        "deploy/gcp/deploy.sh",
        "deploy/azure/main.bicep",
        "test/app.test.ts",
        "README.md",
        ".gitignore",
        "tsconfig.json",
      ];
      expect(files.filter((file) => !existsSync(join(project, file)))).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
      expect(manifest.name).toBe("my-app");
      const skyport = { ...manifest.dependencies, ...manifest.devDependencies };
      const ranges = Object.entries(skyport).filter(([name]) => name.startsWith("@skyport/"));
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.filter(([, range]) => range !== `^${VERSION}`)).toEqual([]);
      expect(readFileSync(join(project, "src/app.ts"), "utf8")).toContain('name: "my-app"');
      // Named again, the folder is refused now that it holds the project; a name that is not one is refused too.
      await expect(npm(home, "create", `skyport@${VERSION}`, "my-app", "--registry", registry.url, "--yes")).rejects.toThrow(/my-app exists and is not empty/);
      await expect(npm(home, "create", `skyport@${VERSION}`, "My_App", "--registry", registry.url, "--yes")).rejects.toThrow(
        /2-32 characters of a-z, 0-9 and -/,
      );
    },
  );

  step("npm install takes each @skyport package from the registry, at the published version", async () => {
    await npm(project, "install");
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => name.startsWith("@skyport/"));
    const installed = PUBLISHED.filter((name) => existsSync(join(project, "node_modules", name)));
    expect(installed).toEqual(expect.arrayContaining(declared));
    for (const name of installed) {
      const dir = join(project, "node_modules", name);
      expect(lstatSync(dir).isSymbolicLink(), `${name} is installed, not linked`).toBe(false);
      expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version).toBe(VERSION);
    }
    // What the project locked is what was published here: each package's integrity as this registry serves it.
    const { packages } = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, { integrity?: string }> };
    for (const name of installed) {
      const published = (await (await fetch(`${registry.url}${name.replace("/", "%2f")}`)).json()) as {
        versions: Record<string, { dist: { integrity: string } }>;
      };
      expect(packages[`node_modules/${name}`]?.integrity, name).toBe(published.versions[VERSION]!.dist.integrity);
    }
  });

  step("npm run build writes the bundles for AWS, Google Cloud, Azure and the local server", async () => {
    await npm(project, "run", "build");
    const perFunction = ["aws", "gcp"].flatMap((cloud) => ["api", "work", "tick"].map((fn) => `${cloud}/${fn}/index.mjs`));
    const bundles = [...perFunction, "azure/main.mjs", "azure/host.json", "local/server.mjs"];
    expect(bundles.filter((file) => !existsSync(join(project, "dist", file)))).toEqual([]);
  });

  step("npm test passes: the project's own tests, on the installed packages", async () => {
    const { stdout } = await npm(project, "test");
    // Every test of the project passed: as many passed as ran.
    expect(stdout).toMatch(/Tests\s+(\d+) passed \(\1\)/);
  });

  step("npm run dev serves the app: its route answers over HTTP", async () => {
    const dev = spawn("npm", ["run", "dev"], {
      cwd: project,
      env: userEnv({ PORT: "0", SKYPORT_SQLITE_PATH: join(work, "dev.db"), SKYPORT_QUEUE_PATH: join(work, "dev-queues.db") }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const url = await listeningUrl(dev);
      const hello = await fetch(`${url}/hello?name=Ada`);
      expect([hello.status, await hello.json()]).toEqual([200, { message: "Hello, Ada!" }]);
    } finally {
      await stopGroup(dev);
    }
  });

  step("every installed package admits the Node versions the @skyport packages declare: this machine's, and the clouds' Node 22", async () => {
    const engines = lockedEngines(JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")), (path) => existsSync(join(project, path)));
    const declared = engines["@skyport/core"]!;
    const skyport = Object.entries(engines).filter(([name]) => name.startsWith("@skyport/"));
    expect(skyport.filter(([, range]) => range !== declared)).toEqual([]);
    const lines = nodeLines([20, 22, 24, 26], declared, engines);
    console.log(
      `Node lines (the @skyport packages declare ${declared}), by the engines every installed package declares:\n${lines
        .map((line) => `  ${line.major}: ${line.admitted ?? "none"}${line.refusedBy.length ? `; refused in part by ${line.refusedBy.join(", ")}` : ""}`)
        .join("\n")}`,
    );
    expect(refusing(process.version, engines)).toEqual([]);
    expect(lines.find((line) => line.major === 22)?.admitted).toBeDefined();
  });
});

/** The URL of the local server's `listening` log line (PORT=0 takes any free port). */
function listeningUrl(child: ChildProcess): Promise<string> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run dev printed no listening line in 180 s:\n${output}`)), 180_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const line = output.split("\n").find((text) => text.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line.slice(line.indexOf("{"))) as { url: string }).url);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)));
  });
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000)).then(() => process.kill(-child.pid!, "SIGKILL"))]);
}
