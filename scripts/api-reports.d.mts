/** An entry point of a package's exports: its .d.ts and the name of its report. */
export interface EntryPoint {
  entry: string;
  types: string;
  reportName: string;
}
export function entryPoints(packageDir: string): EntryPoint[];
export function apiReport(packageDir: string, entry: EntryPoint, options: { update: boolean }): {
  changed: boolean;
  problems: string[];
  difference: string[];
};
