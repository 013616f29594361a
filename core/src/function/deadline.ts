/** Below this much time before the deadline, work is refused (or retried) rather than started and cut off. */
export const DEADLINE_RESERVE_MS = 250;

/** True when the invocation has too little time left to start work safely. */
export function pastDeadline(deadline: number | undefined): boolean {
  return deadline !== undefined && deadline - Date.now() < DEADLINE_RESERVE_MS;
}
