// Typed errors at the boundaries, each tagged with the pipeline stage for the report's errors[].
import type { StageError } from './types.js';

export class GardenerError extends Error {
  constructor(
    readonly stage: StageError['stage'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad configuration or parameters: CLI exit 2, HTTP 400. `key` names the setting. */
export class ConfigError extends GardenerError {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super('config', key ? `${key}: ${message}` : message);
  }
}

/** Input that cannot be read at all (missing file, unreadable source): CLI exit 2. */
export class InputError extends GardenerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('source', message, options);
  }
}

/** Reading logs failed (Cloud Logging outage, permission denied). */
export class SourceError extends GardenerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('source', message, options);
  }
}

/** A GitHub call failed. `retryable` says whether a rerun may succeed (5xx, rate limit). */
export class GitHubError extends GardenerError {
  constructor(
    readonly status: number,
    readonly retryable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('github', message, options);
  }
}

/** One line, no stack: what the CLI prints and the report records. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
