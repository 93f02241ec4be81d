import v8 from 'node:v8';
import { namedDocuments, runCli } from './cli.js';
import { removePendingTemps } from './publish/write-atomic.js';
import { killBrowsers } from './print/print-pdf.js';

// The bundled CLI is minified: with DEBUG, stack traces point into the sources (dist/main.cjs.map).
if (process.env.DEBUG) process.setSourceMapsEnabled(true);

// An interrupted build leaves no temporary files and no Chromium processes.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removePendingTemps();
    void killBrowsers().finally(() => {
      // The build ran on while Chromium went down: anything it began writing meanwhile goes too.
      removePendingTemps();
      process.exit(code);
    });
  });
}

// Building one or two named documents is over in a few seconds, before V8's optimizing compiler pays
// back the processor time it takes from Chromium on small machines; a batch keeps it.
const named = namedDocuments(process.argv.slice(2)).length;
if (named > 0 && named <= 2) v8.setFlagsFromString('--no-opt');

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  progress: process.stdout.isTTY ? (text) => process.stdout.write(`\r\x1b[K${text}`) : undefined,
}).then((code) => {
  process.exitCode = code;
});
