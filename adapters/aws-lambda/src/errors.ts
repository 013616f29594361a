/** An event this handler cannot translate (another trigger was wired to it); Lambda records the error. */
export class UnsupportedEvent extends Error {
  constructor(readonly handler: string) {
    super(`the ${handler} handler received an event it does not translate`);
    this.name = "UnsupportedEvent";
  }
}
