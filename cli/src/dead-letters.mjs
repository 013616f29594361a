import { resolve } from "node:path";
import { loadModule } from "./load.mjs";

/**
 * `skyport dead-letters [file]`: what the local server dead-lettered (poison messages, and those
 * out of attempts), oldest first, one line each, from the given file (the caller's, INIT_CWD), else
 * SKYPORT_DEAD_LETTER_FILE under the app's folder as the server keeps it.
 */
export async function deadLetters(appDir, args) {
  const { readDeadLetters, DEFAULT_DEAD_LETTER_FILE } = await loadModule(appDir, `export { readDeadLetters, DEFAULT_DEAD_LETTER_FILE } from "@skyport/local";`);
  const file = args[0]
    ? resolve(process.env.INIT_CWD ?? process.cwd(), args[0])
    : resolve(appDir, process.env.SKYPORT_DEAD_LETTER_FILE ?? DEFAULT_DEAD_LETTER_FILE);
  const letters = readDeadLetters(file);
  if (letters.length === 0) return void console.log(`no dead letters in ${file}`);
  for (const { at, topic, reason, message } of letters) {
    console.log(`${at}  ${topic}  ${reason}  ${message.id}  attempt ${message.attempt}  ${message.body.slice(0, 200)}`);
  }
}
