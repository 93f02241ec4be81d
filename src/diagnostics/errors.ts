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

/** Runs a stage, wrapping its failure in a StageError (an environment problem passes through as it is). */
export async function wrapStage<T>(stage: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    if (cause instanceof EnvironmentError) throw cause;
    throw new StageError(stage, cause instanceof Error ? cause.message : String(cause), { cause });
  }
}
