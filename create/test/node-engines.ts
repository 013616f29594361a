import semver from "semver";

/** A Node major line and the minors of it (x.0 to x.40) that a set of engines ranges all admit. */
export interface NodeLine {
  major: number;
  /** "22.12-22.40": the lowest and highest admitted minor tried; undefined when none is. */
  admitted?: string;
  /** Each package that refuses some minor of the line the project declares, with its range. */
  refusedBy: string[];
}

/** Whether `version` satisfies every range; the names of those it does not. */
export function refusing(version: string, engines: Record<string, string>): string[] {
  return Object.entries(engines)
    .filter(([, range]) => !semver.satisfies(version, range))
    .map(([name]) => name);
}

/**
 * Node's lines as a project sees them: for each major, the minors (x.0 to x.40) that the project's
 * declared range and every installed package's `engines.node` admit, and who refuses the rest.
 */
export function nodeLines(majors: number[], declared: string, engines: Record<string, string>): NodeLine[] {
  return majors.map((major) => {
    const minors = Array.from({ length: 41 }, (_, minor) => `${major}.${minor}.0`).filter((version) => semver.satisfies(version, declared));
    const admitted = minors.filter((version) => refusing(version, engines).length === 0);
    const byRange = new Map<string, string[]>();
    for (const name of new Set(minors.flatMap((version) => refusing(version, engines))))
      byRange.set(engines[name]!, [...(byRange.get(engines[name]!) ?? []), name]);
    const refusedBy = [...byRange].map(([range, names]) => `${names.join(", ")} (${range})`);
    const span = admitted.length ? `${admitted[0]!.replace(/\.0$/, "")}-${admitted.at(-1)!.replace(/\.0$/, "")}` : undefined;
    return { major, ...(span ? { admitted: span } : {}), refusedBy };
  });
}

/** Each installed package's `engines.node`, by name, from a package-lock.json (`installed` leaves out the other platforms' optional packages it lists). */
export function lockedEngines(
  lock: { packages: Record<string, { engines?: { node?: string } | string[] }> },
  installed: (path: string) => boolean,
): Record<string, string> {
  const engines: Record<string, string> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (path && node && installed(path)) engines[path.replace(/^.*node_modules\//, "")] = node;
  }
  return engines;
}
