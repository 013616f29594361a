// `npm run api`: each framework package's API report, one per entry point of its exports
// (<package>/api/<name>.api.md), written by API Extractor from the built .d.ts (npm run build first).
// The test in npm test (cli/test/packages/api-reports.test.ts) runs the same in check mode: a public
// signature that changed without its report fails there until `npm run api` writes it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { frameworkPackageDirs, manifestOf } from "./framework-packages.mjs";

const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The compiler that wrote the .d.ts reads them (API Extractor bundles another). */
const TYPESCRIPT = join(REPOSITORY, "node_modules/typescript");

/**
 * A report without the line and column of API Extractor's findings (`// src/a.ts:24:62 - (ae-…)`
 * reads `// src/a.ts - (ae-…)`): an edit that moves a line is not a change of the API.
 */
function withoutPositions(report) {
  return report.replace(/^(\/\/ [^\s:]+):\d+:\d+ - \(ae-/gm, "$1 - (ae-");
}

function readReport(file) {
  return existsSync(file) ? withoutPositions(readFileSync(file, "utf8")) : undefined;
}

/** The lines only the committed report has (-) and only the new one has (+). */
function difference(committedReport = "", newReport = "") {
  const [committed, now] = [committedReport.split("\n"), newReport.split("\n")];
  return [
    ...committed.filter((line) => !now.includes(line)).map((line) => `- ${line}`),
    ...now.filter((line) => !committed.includes(line)).map((line) => `+ ${line}`),
  ];
}

/** Each entry point of a package's exports with its types: `.` is reported as `<name>`, `./x/y` as `<name>-x-y`. */
export function entryPoints(packageDir) {
  const manifest = manifestOf(packageDir);
  const unscoped = manifest.name.replace(/^@[^/]+\//, "");
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === "object" && target.types)
    .map(([entry, target]) => ({
      entry,
      types: join(packageDir, target.types),
      reportName: entry === "." ? unscoped : `${unscoped}-${entry.slice(2).replaceAll("/", "-")}`,
    }));
}

/**
 * The API report of one entry point. `update`: writes it into <package>/api/; otherwise compares
 * (`changed` when the report in the repository differs, `difference` its lines). `problems`: what API Extractor could not
 * analyse (its own findings about the API, such as a type not exported, are written in the report).
 */
export function apiReport(packageDir, { types, reportName }, { update }) {
  const scratch = mkdtempSync(join(tmpdir(), "skyport-api-"));
  if (update) mkdirSync(join(packageDir, "api"), { recursive: true });
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: packageDir,
        mainEntryPointFilePath: types,
        compiler: {
          overrideTsconfig: {
            compilerOptions: { target: "ES2023", lib: ["ES2023"], module: "ESNext", moduleResolution: "Bundler", types: ["node"], skipLibCheck: true },
            files: [types],
          },
        },
        apiReport: { enabled: true, reportFileName: reportName, reportFolder: join(packageDir, "api"), reportTempFolder: scratch },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        newlineKind: "lf",
        messages: {
          compilerMessageReporting: { default: { logLevel: "error" } },
          // Release tags (@public, @beta) are not used here: every export of an entry is public.
          extractorMessageReporting: {
            default: { logLevel: "none", addToApiReportFile: true },
            "ae-missing-release-tag": { logLevel: "none", addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: "none", addToApiReportFile: false } },
        },
      },
      configObjectFullPath: join(packageDir, "api-extractor.json"),
      packageJsonFullPath: join(packageDir, "package.json"),
    });
    const problems = [];
    const result = Extractor.invoke(config, {
      localBuild: update,
      typescriptCompilerFolder: TYPESCRIPT,
      messageCallback: (message) => {
        message.handled = true;
        if (message.logLevel === "error") problems.push(message.formatMessageWithLocation(packageDir));
      },
    });
    const committedFile = join(packageDir, "api", `${reportName}.api.md`);
    const written = readReport(update ? committedFile : join(scratch, `${reportName}.api.md`));
    if (update) {
      if (written !== undefined) writeFileSync(committedFile, written);
      return { changed: false, problems, difference: [] };
    }
    const committed = readReport(committedFile);
    const changed = result.apiReportChanged && committed !== written;
    return { changed, problems, difference: changed ? difference(committed, written) : [] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of frameworkPackageDirs()) {
    for (const entry of entryPoints(dir)) {
      const { problems } = apiReport(dir, entry, { update: true });
      console.log(`${entry.reportName}.api.md${problems.length ? `: ${problems.join("\n")}` : ""}`);
      if (problems.length) process.exitCode = 1;
    }
  }
}
