import { bundle } from "./common.mjs";

export const AWS_FUNCTIONS = ["http", "queue", "cleanup"];

/**
 * `dist/aws/<function>/index.mjs`, each exporting `handler`: the CodeUri folders of
 * deploy/aws/template.yaml. Everything is bundled (the AWS SDK too, at the version tested here).
 */
export default async function buildAws() {
  for (const name of AWS_FUNCTIONS) {
    await bundle({ entry: `src/aws/${name}.ts`, outfile: `aws/${name}/index.mjs`, target: "node22" });
  }
}
