import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the table definitions in every `*.schema.ts` file,
// reviewed as SQL and committed; they are never edited after they land.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/**/*.schema.ts',
  out: './src/server/db/migrations',
});
