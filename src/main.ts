import { runCli } from './cli.js';
import { removePendingTemps } from './publish/write-atomic.js';

// An interrupted build leaves no temporary files; puppeteer's own handlers close Chromium.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removePendingTemps();
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
