import type { Diagnostic } from './diagnostic.js';

/** The environment lacks a tool the build needs (Chromium, pandoc, CSL files): exit code 3. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Input problems that stop a build; carries every diagnostic collected so far. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the input`);
  }
}

/** Wraps a failure at a stage boundary, keeping the original as `cause` (Eleventy-style). */
export class StageError extends Error {
  override readonly name = 'StageError';
  constructor(
    readonly stage: string,
    message: string,
    options: { cause?: unknown },
  ) {
    super(`${stage}: ${message}`, options);
  }
}
