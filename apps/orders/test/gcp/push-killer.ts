import type { runBundle } from "./framework-cli.js";
import type { instanceFront } from "./instance-front.js";

export interface Kill {
  /** How long after a push reached the instance it was killed. */
  delayMs: number;
  /** How many pushes the instance held, unanswered, when it died. */
  inFlight: number;
}

/**
 * SIGKILLs a function's instance while it handles pushes, `kills` times: a push reaching the
 * instance arms a kill at a seeded delay after it; if by then the instance holds no unanswered push,
 * the kill waits for the next one. After each kill a new instance starts on the same socket, and
 * the front holds the pushes that arrive meanwhile, as Cloud Run holds them for a starting instance.
 */
export function killDuringPushes(
  bundle: Awaited<ReturnType<typeof runBundle>>,
  front: Awaited<ReturnType<typeof instanceFront>>,
  { random, kills, maxDelayMs }: { random: () => number; kills: number; maxDelayMs: number },
) {
  const history: Kill[] = [];
  let armed = false;
  let restarting: Promise<void> | undefined;
  let failure: unknown;
  const fire = async (delayMs: number) => {
    const inFlight = front.inFlight();
    if (inFlight === 0) {
      armed = false;
      return;
    }
    await bundle.kill();
    history.push({ delayMs, inFlight });
    await bundle.restart();
    armed = false;
  };
  const stop = front.onArrival(() => {
    if (armed || history.length >= kills) return;
    armed = true;
    const delayMs = Math.floor(random() * maxDelayMs);
    setTimeout(() => {
      restarting = fire(delayMs).catch((error: unknown) => {
        failure = error;
      });
    }, delayMs);
  });
  return {
    kills: () => [...history],
    /** True once every kill was made and the last instance is up again. */
    done: () => (history.length >= kills && !armed) || failure !== undefined,
    /** No further kills; resolves once an instance serves again. */
    async stop() {
      stop();
      await restarting;
      if (failure) throw failure;
    },
  };
}
