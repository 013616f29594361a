import { spawn } from "node:child_process";

/**
 * Runs this bench's own script again in a fresh node process with `args` (a part to measure and its counts) and
 * returns the JSON it prints: each repeat of a comparison starts from a cold JIT, an empty heap and its own
 * timing, so that one process's luck is one sample, not the whole figure.
 */
export function inFreshProcess<T>(args: string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout) as T) : reject(new Error(`${what} exited with ${code}`))));
  });
}
