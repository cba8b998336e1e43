/** A request that did not get the answer it wanted, with a message for the person using the page. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came at all. */
    readonly status: number,
    /** The API's error name (`JobNotFound`, `Unauthorized`…) or `NetworkError`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
