/** The fields of a package.json the package checks read. */
export interface Manifest {
  name: string;
  private?: boolean;
  workspaces?: string[];
  exports?: Record<string, unknown>;
  license?: string;
}
export function manifestOf(dir: string): Manifest;
export function frameworkPackageDirs(): string[];
