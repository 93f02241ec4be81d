import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end tests start Chromium; two at a time is what these 2-core machines take.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // jsdom cannot parse CSS paged-media margin boxes (@page { @top-left { … } }); Chromium can.
    onConsoleLog: (log) => !log.includes('Could not parse CSS stylesheet'),
  },
});
