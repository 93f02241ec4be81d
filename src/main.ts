import v8 from 'node:v8';
import { runCli } from './cli.js';
import { v8FlagsFor } from './command-line.js';
import { abandonPendingWrites, commitsSettled } from './publish/write-atomic.js';
import { killBrowsers } from './print/print-pdf.js';
import { runInterruptHooks } from './util/on-interrupt.js';

// The bundled CLI is minified: with DEBUG, stack traces point into the sources (dist/main.cjs.map).
if (process.env.DEBUG) process.setSourceMapsEnabled(true);

// An interrupted build leaves no temporary files and no Chromium processes, and its manifest lists
// what it finished writing. The listener stays registered (`on`, not `once`): signal-exit (used by
// proper-lockfile) re-raises a signal that it finds no other listener for, which killed the process
// with SIGINT before it could clean up. A second signal meanwhile changes nothing.
let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    abandonPendingWrites();
    void killBrowsers()
      .then(async () => {
        // The build ran on while Chromium went down: anything it began writing meanwhile goes too,
        // but an edition whose files were already being put in place is finished and recorded.
        abandonPendingWrites();
        await commitsSettled();
        return runInterruptHooks();
      })
      .finally(() => process.exit(code));
  });
}

// bin/brief.js has set these before loading the bundle; run from the sources, they are set here.
for (const flag of v8FlagsFor(process.argv.slice(2))) v8.setFlagsFromString(flag);

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  progress: process.stdout.isTTY ? (text) => process.stdout.write(`\r\x1b[K${text}`) : undefined,
}).then((code) => {
  process.exitCode = code;
});
