import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseBicep } from "../azure/verify/bicep-template.js";

// What the deploy sections promise a newcomer, checked against the templates they deploy.
const here = dirname(fileURLToPath(import.meta.url));
const read = (path: string) => readFileSync(join(here, "..", path), "utf8");
const rootReadme = read("../README.md");
const section = (heading: string) => rootReadme.slice(rootReadme.indexOf(heading), rootReadme.indexOf("\n### ", rootReadme.indexOf(heading) + 1));
const shellBlocks = (markdown: string) => [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).join("\n");

describe("the deploy sections of README.md and deploy/*/README.md", () => {
  const clouds = [
    {
      heading: "### Deploy to AWS",
      readme: read("aws/README.md"),
      clis: ["sam deploy", "aws cloudformation describe-stacks"],
      stage: /deploy\/aws\/deploy\.sh [^\n]*--stage="\$STAGE"/,
      teardown: /deploy\/aws\/teardown\.sh/,
    },
    {
      heading: "### Deploy to Google Cloud",
      readme: read("gcp/README.md"),
      clis: ["gcloud functions describe"],
      stage: /deploy\/gcp\/deploy\.sh [^\n]*--stage="\$STAGE"/,
      teardown: /deploy\/gcp\/teardown\.sh/,
    },
    {
      heading: "### Deploy to Azure",
      readme: read("azure/README.md"),
      clis: ["az group create", "az deployment group create", "az deployment group show"],
      stage: /az deployment group create [^\n]*\\\n[^\n]*-p stage="\$STAGE"/,
      teardown: /az group delete/,
    },
  ];

  for (const cloud of clouds) {
    it(`${cloud.heading.slice(4)}: takes a stage, reads outputs by command, and tears down, in both READMEs`, () => {
      for (const commands of [shellBlocks(section(cloud.heading)), shellBlocks(cloud.readme)]) {
        expect(commands).toMatch(cloud.stage);
        expect(commands).toMatch(cloud.teardown);
        expect(commands).not.toMatch(/<[a-zA-Z]+>/); // nothing to copy by hand
      }
      const text = cloud.readme + section(cloud.heading);
      for (const cli of cloud.clis) expect(text, cli).toContain(cli);
      expect(cloud.readme).toMatch(/### What it costs[\s\S]*2026-11-27[\s\S]*At rest[\s\S]*Per million HTTP requests/);
    });
  }

  it("passes the required OIDC issuer and audience in every deploy command, in both READMEs, and calls no API public", () => {
    const auth = [
      {
        heading: "### Deploy to AWS",
        readme: "aws/README.md",
        passes: /deploy\/aws\/deploy\.sh [^\n]*--auth-issuer="\$AUTH_ISSUER" --auth-audience="\$AUTH_AUDIENCE"/,
      },
      {
        heading: "### Deploy to Google Cloud",
        readme: "gcp/README.md",
        passes: /deploy\/gcp\/deploy\.sh [^\n]*(\\\n[^\n]*)?--auth-issuer="\$AUTH_ISSUER" --auth-audience="\$AUTH_AUDIENCE"/,
      },
      {
        heading: "### Deploy to Azure",
        readme: "azure/README.md",
        passes: /az deployment group create [^\n]*\\\n[^\n]*authIssuer="\$AUTH_ISSUER" authAudience="\$AUTH_AUDIENCE"/,
      },
    ];
    for (const { heading, readme, passes } of auth) {
      for (const commands of [shellBlocks(section(heading)), shellBlocks(read(readme))]) expect(commands, readme).toMatch(passes);
      expect(shellBlocks(read(readme)), readme).toMatch(/^AUTH_ISSUER=https:\/\/\S+ AUTH_AUDIENCE=\S+/m);
      expect(read(readme), readme).not.toMatch(/\bpublic\b/i);
    }
  });

  it("AWS: names both CLIs it needs", () => {
    expect(section("### Deploy to AWS")).toMatch(/`aws`[\s\S]*`sam`/);
  });

  it("Azure: creates the resource group, and removes every lock the template makes before deleting it", () => {
    const locks = parseBicep(read("azure/main.bicep")).resources.filter((r) => r.type === "Microsoft.Authorization/locks");
    expect(locks.length).toBeGreaterThan(0);
    for (const commands of [shellBlocks(section("### Deploy to Azure")), shellBlocks(read("azure/README.md"))]) {
      expect(commands.indexOf("az group create")).toBeGreaterThanOrEqual(0);
      expect(commands.indexOf("az group create")).toBeLessThan(commands.indexOf("az deployment group create"));
      expect(commands.indexOf("az lock delete")).toBeGreaterThanOrEqual(0);
      expect(commands.indexOf("az lock delete")).toBeLessThan(commands.indexOf("az group delete"));
    }
  });
});
