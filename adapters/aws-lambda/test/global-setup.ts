import type { TestProject } from "vitest/node";
import { startKinesalite } from "../src/testing/kinesis.js";

declare module "vitest" {
  export interface ProvidedContext {
    kinesisEndpoint: string;
  }
}

/** One kinesalite for this project's test files (in memory, ~50 ms to start). */
export default async function setup(project: TestProject) {
  const kinesis = await startKinesalite();
  project.provide("kinesisEndpoint", kinesis.endpoint);
  return () => kinesis.stop();
}
