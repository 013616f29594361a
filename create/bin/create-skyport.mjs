#!/usr/bin/env node
// npm create skyport <name>: a Skyport project of its own in ./<name>.
import { createProject } from "../src/create-project.mjs";

try {
  console.log(await createProject(process.cwd(), process.argv.slice(2)));
} catch (error) {
  console.error(`create-skyport: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
