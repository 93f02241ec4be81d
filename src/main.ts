import { runCli } from './cli.js';
import { removePendingTemps } from './publish/write-atomic.js';
import { killBrowsers } from './print/print-pdf.js';

// An interrupted build leaves no temporary files and no Chromium processes.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removePendingTemps();
    killBrowsers();
    process.exit(code);
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  progress: process.stdout.isTTY ? (text) => process.stdout.write(`\r\x1b[K${text}`) : undefined,
});
process.exitCode = code;
