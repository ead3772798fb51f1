import { numeric } from 'drizzle-orm/pg-core';

/**
 * The one money column: yuan as numeric(16,2), read and written as a decimal string
 * ("1234.50"). A JS float never holds an amount, so sums stay exact to the fen: add in SQL
 * `numeric` or in fen with `toFen`/`sumYuan` (core/util/money.ts); contracts use `ZMoney`.
 */
export const moneyColumn = (name: string) => numeric(name, { precision: 16, scale: 2, mode: 'string' });
