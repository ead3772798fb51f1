import { defineConfig } from 'vitest/config';

/**
 * Three tiers (Immich's habit): unit tests beside the code (`*.test.ts`), integration tests
 * against a real database over HTTP with app.inject (`*.int.test.ts`; PGlite by default,
 * PostgreSQL when TEST_DATABASE_URL is set), and browser end-to-end tests (`tests/e2e`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'tests/int/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are memory-hungry: bound the parallel files on a 2-core machine.
          maxWorkers: 2,
          // One migrated database per run; each test database starts as a copy of it.
          globalSetup: ['tests/int/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // The demo district, loaded once per run into a template data directory.
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two files at a time: a browser test spends much of its time waiting (for the page, the
          // server, a poll), so two share the two cores well; each has its own server, data
          // directory (a copy of the demo template) and browser, so nothing is shared between them.
          maxWorkers: 2,
          // A page on a busy CI machine can take seconds to settle: polls wait up to 15 s.
          expect: { poll: { timeout: 15_000 } },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
