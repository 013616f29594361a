/** A scheduled trigger (EventBridge, Cloud Scheduler, Azure timer). */
export interface ScheduleTick {
  /** When the schedule fired, if the cloud says so. */
  scheduledAt?: Date;
}
