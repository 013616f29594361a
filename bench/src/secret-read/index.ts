import { loadavg } from "node:os";
// The stand-in alone, not the testing index (which brings kinesalite and the other stand-ins).
import { secretsManagerStandIn } from "../../../adapters/aws-lambda/src/testing/secrets-manager-stand-in.js";
import { textTable } from "../table.js";
import { measureSecretReadOn, type SecretReadCounts, type SecretReadResult } from "./measure.js";

export type { SecretReadCounts, SecretReadResult } from "./measure.js";

/** A secret read from memory against its first fetch, on the Secrets Manager stand-in (no Secrets Manager runs here). */
export async function measureSecretRead(counts: SecretReadCounts, command: string): Promise<SecretReadResult> {
  const startedAt = new Date().toISOString();
  const before = loadavg()[0]!;
  const standIn = await secretsManagerStandIn();
  standIn.values.set("payments-api-key", "bench-value-of-a-payment-provider-key");
  try {
    const measured = await measureSecretReadOn(standIn.url, counts);
    return { command, startedAt, loadAverage: [before, loadavg()[0]!], ...measured };
  } finally {
    await standIn.close();
  }
}

const cells = (result: SecretReadResult) => [
  `${result.memoryUs.toFixed(3)} µs`,
  `${Math.round(result.firstFetchUs)} µs`,
  `${Math.round(result.ratio)}× (${Math.round(result.ratioMin)}-${Math.round(result.ratioMax)})`,
];

/** The row as the terminal shows it. */
export function secretReadReport(result: SecretReadResult): string {
  return textTable(["read from memory", "first fetch", "first fetch / memory (min-max)"], [cells(result)]);
}

/** README's lines for the row, with its run's command, date and load. */
export function secretReadSection(result: SecretReadResult | undefined, table: (header: string[], rows: (string | number)[][]) => string): string[] {
  if (!result) return [];
  const [before, after] = result.loadAverage.map((load) => load.toFixed(1));
  return [
    "**A secret read from memory against its first fetch**: `secrets.get(name)` through core's rules (`CachedSecrets`) on",
    "Secrets Manager's client, its first read a signed GetSecretValue to the loopback stand-in of Secrets Manager's JSON API",
    "(no Secrets Manager runs here; in a cloud the fetch is a network call to the service), then reads of the kept value.",
    `Each of ${result.rounds} rounds (after ${result.warmup} warm-up) builds a new source and cache, as a cold instance does, with the SDK`,
    `already imported; memory is ${result.reads} reads timed together. µs are medians of the rounds; the ratio the median of the rounds'`,
    "ratios, the spread their least and greatest.",
    `From \`${result.command}\` (${result.startedAt.slice(0, 16).replace("T", " ")} UTC, load average ${before} at the start, ${after} at the end).`,
    "",
    table(
      ["read", "µs", "first fetch / memory (min–max)"],
      [
        ["from memory (within the TTL)", result.memoryUs.toFixed(3), ""],
        [
          "first fetch (Secrets Manager stand-in)",
          Math.round(result.firstFetchUs),
          `${Math.round(result.ratio)}× (${Math.round(result.ratioMin)}–${Math.round(result.ratioMax)})`,
        ],
      ],
    ),
    "",
  ];
}
