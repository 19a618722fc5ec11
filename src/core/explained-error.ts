/**
 * An error whose message is already written for the person in chat: what happened, where, and what to
 * change (an AWS role that cannot be assumed at approval time, an endpoint that cannot be reached). The
 * conversation shows it as it is, never wrapped as a fault "on my side" or as raw SDK text.
 */
export class ExplainedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExplainedError';
  }
}
