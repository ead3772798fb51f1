/**
 * The web's one money toolkit. The server sends money as the exact string "1234.50"
 * (`ZMoneyOut`); forms send strings too (`ZMoney` accepts them). Sums on the page are made in
 * fen (`toFen`/`sumYuan`), never with floats, and every amount is shown with `formatMoney`.
 */
// formatMoney "1,234.50" (a column titled in 元), formatYuan "¥1,234.50" (an amount standing
// alone), formatWan "1,730.25" (a headline in 万元; the page adds the unit).
export { fenToYuan, formatMoney, formatWan, formatYuan, sumYuan, toFen } from '../../contracts/money';
