/**
 * API errors as the API server returns them (apimachinery `StatusError`): a reason and a message.
 * kubectl prints them as `Error from server (<Reason>): <message>`; the API layer throws them.
 */
import { groupResource, type ApiResource } from './resources';

export type StatusReason =
  'NotFound' | 'AlreadyExists' | 'Invalid' | 'Forbidden' | 'BadRequest' | 'Conflict' | 'MethodNotAllowed';

export class ApiError extends Error {
  constructor(
    readonly reason: StatusReason | '',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The line kubectl prints for this error (helpers.go StandardErrorMessage). */
  kubectlMessage(): string {
    if (this.reason === 'Invalid') return this.message;
    return this.reason ? `Error from server (${this.reason}): ${this.message}` : `Error from server: ${this.message}`;
  }
}

/**
 * What the API would accept but the emulator cannot run (a Deployment of 100,000 replicas): refused
 * before it is stored, and printed as netlab's own line, never as an invented API error.
 */
export class NotEmulatedError extends ApiError {
  constructor(message: string) {
    super('', message);
    this.name = 'NotEmulatedError';
  }

  override kubectlMessage(): string {
    return `netlab: ${this.message}`;
  }
}

/** `pods "x" not found`, `deployments.apps "x" not found`. */
export function notFound(res: ApiResource, name: string): ApiError {
  return new ApiError('NotFound', `${groupResource(res)} "${name}" not found`);
}

/** `roles.rbac.authorization.k8s.io "x" already exists`. */
export function alreadyExists(res: ApiResource, name: string): ApiError {
  return new ApiError('AlreadyExists', `${groupResource(res)} "${name}" already exists`);
}

export interface FieldError {
  field: string;
  /** `Required value`, `Invalid value: "x": ...`, `Unsupported value: ...`. */
  detail: string;
}

/** `The Service "x" is invalid: spec.ports: Required value` (several causes are joined as a bracketed list). */
export function invalid(kind: string, name: string, errs: FieldError[]): ApiError {
  const causes = errs.map((e) => `${e.field}: ${e.detail}`);
  const body = causes.length === 1 ? causes[0]! : `[${causes.join(', ')}]`;
  return new ApiError('Invalid', `The ${kind} "${name}" is invalid: ${body}`);
}
