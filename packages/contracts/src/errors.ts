/**
 * `ApplicationFailure` type names. Activities throw them, workflows and update validators raise them,
 * and the gateway maps them to HTTP status codes in its one error handler. Defined once here.
 */
export const ErrorType = {
  /** The request is well-formed JSON but breaks a business rule (e.g. totals that do not add up). */
  InvalidRequest: 'InvalidRequest',
  /** A message (approval, decision, cancel) arrived while nothing waits for it. */
  NotAwaiting: 'NotAwaiting',
  /** The entity is in a state that does not allow the operation. */
  InvalidState: 'InvalidState',

  // Order domain
  OutOfStock: 'OutOfStock',
  UnknownProduct: 'UnknownProduct',
  /** A price or total the client sent no longer equals the catalog's when the stock is reserved. */
  PriceChanged: 'PriceChanged',
  PaymentDeclined: 'PaymentDeclined',
  ShipmentFailed: 'ShipmentFailed',
  ApprovalRejected: 'ApprovalRejected',
  ApprovalTimedOut: 'ApprovalTimedOut',
  OrderCancelled: 'OrderCancelled',
  /** A saga step failed after exhausting its retries (a dependency stayed unavailable or timed out). */
  StepFailed: 'StepFailed',
  /** Raised by the saga when one or more compensations failed; details name each step. */
  CompensationFailed: 'CompensationFailed',

  // ML domain
  /** Loss became NaN or infinite: retrying the same deterministic computation cannot help. */
  TrainingDiverged: 'TrainingDiverged',
  /** A checkpoint's bytes no longer match the SHA-256 recorded when it was written. */
  CheckpointCorrupt: 'CheckpointCorrupt',
  /** A checkpoint's URI no longer resolves to a file in the artifact store. */
  CheckpointMissing: 'CheckpointMissing',

  // Agent domain
  /** The repository or working copy to analyse is missing or unreadable: retrying cannot help. */
  RepositoryUnavailable: 'RepositoryUnavailable',
  /** The LLM analyser answered with something that is not the JSON it was asked for. */
  LlmResponseInvalid: 'LlmResponseInvalid',
  /** The LLM API refused the request (bad key, bad request): retrying the same request cannot help. */
  LlmRequestRejected: 'LlmRequestRejected',
  /** repositoryPath (after resolving symlinks) is outside AGENT_REPOSITORY_ROOTS: the worker reads nothing there. */
  RepositoryNotAllowed: 'RepositoryNotAllowed',
  /** The worker has no sandbox for a repository's test command and production forbids running it bare. */
  SandboxUnavailable: 'SandboxUnavailable',
  /** An input that sizes the worker's memory (file count, file size) is above the worker's limit. */
  InputTooLarge: 'InputTooLarge',
} as const;

export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Errors a caller caused: the gateway answers 409 instead of 500 when a workflow raises one. */
export const CONFLICT_ERROR_TYPES: readonly string[] = [ErrorType.NotAwaiting, ErrorType.InvalidState];
/** The card was declined: 402 when the caller waited for the charge (POST /api/orders?wait=charged). */
export const PAYMENT_REQUIRED_ERROR_TYPES: readonly string[] = [ErrorType.PaymentDeclined];
/**
 * Why an order was undone before it was charged (stock, a catalog change, a cancel): 409 when the caller
 * waited for the charge. A closed order's later failures are read from its state, never thrown.
 */
export const ORDER_REJECTED_ERROR_TYPES: readonly string[] = [ErrorType.OutOfStock, ErrorType.UnknownProduct, ErrorType.PriceChanged, ErrorType.OrderCancelled];
/** Errors in the request's content: the gateway answers 400. */
export const BAD_REQUEST_ERROR_TYPES: readonly string[] = [ErrorType.InvalidRequest, ErrorType.RepositoryNotAllowed, ErrorType.InputTooLarge];
