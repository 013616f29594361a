import { performance } from "node:perf_hooks";
import { cachedSecrets } from "@skyport/core";
import { secretsManagerSecrets } from "@skyport/aws-lambda";

export interface SecretReadCounts {
  /** Rounds measured; each gives one ratio. */
  rounds: number;
  /** Reads from memory per round, timed together (one is well under a timer's resolution). */
  reads: number;
  /** Rounds run first and not counted (the SDK's import among them). */
  warmup: number;
}

export interface SecretReadResult extends SecretReadCounts {
  command: string;
  startedAt: string;
  /** The machine's 1-minute load average when the run began and when it ended. */
  loadAverage: [number, number];
  /** Medians over the rounds, µs per read. */
  firstFetchUs: number;
  memoryUs: number;
  /** Median of the rounds' ratios (first fetch / read from memory of the same round), and their least and greatest. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * One round: a function's secrets as its wiring builds them on a cold instance (a new source and
 * cache, the SDK already imported), its first read (GetSecretValue, signed, to the stand-in on
 * loopback), then `reads` reads of the same secret from memory.
 */
async function round(endpoint: string, reads: number): Promise<{ firstFetchUs: number; memoryUs: number }> {
  const source = secretsManagerSecrets(
    { AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint },
    { region: "us-east-1", credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" } },
  );
  const secrets = cachedSecrets({}, source);
  const fetchStarted = performance.now();
  const value = await secrets.get("payments-api-key");
  const firstFetchUs = (performance.now() - fetchStarted) * 1000;
  let same = 0;
  const memoryStarted = performance.now();
  for (let i = 0; i < reads; i++) if ((await secrets.get("payments-api-key")) === value) same++;
  const memoryUs = ((performance.now() - memoryStarted) * 1000) / reads;
  if (same !== reads) throw new Error(`a read from memory answered another value (${reads - same} of ${reads})`);
  return { firstFetchUs, memoryUs };
}

/** A secret read from memory against its first fetch, through Secrets Manager's client and core's rules, on the loopback stand-in at `endpoint`. */
export async function measureSecretReadOn(
  endpoint: string,
  counts: SecretReadCounts,
): Promise<Omit<SecretReadResult, "command" | "startedAt" | "loadAverage">> {
  for (let i = 0; i < counts.warmup; i++) await round(endpoint, counts.reads);
  const rounds: { firstFetchUs: number; memoryUs: number }[] = [];
  for (let i = 0; i < counts.rounds; i++) rounds.push(await round(endpoint, counts.reads));
  const ratios = rounds.map((r) => r.firstFetchUs / r.memoryUs);
  return {
    ...counts,
    firstFetchUs: median(rounds.map((r) => r.firstFetchUs)),
    memoryUs: median(rounds.map((r) => r.memoryUs)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  };
}
