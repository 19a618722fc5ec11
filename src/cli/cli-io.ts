/** Where a run of the command reads and writes: the process's own streams, or a test's (in-process runs). */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** What the run exits with; commands set it (0 unless they do). */
  exitCode: number;
}
