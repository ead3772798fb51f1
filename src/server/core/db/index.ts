/**
 * Column helpers for `*.schema.ts` files. Kept apart from core/index.ts so drizzle-kit loads a
 * schema without the whole core (Fastify, services).
 */
export { moneyColumn } from './columns';
