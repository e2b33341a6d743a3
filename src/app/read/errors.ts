/** A named thing does not exist (an org without a snapshot, an unknown user or sync); the server answers 404. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
