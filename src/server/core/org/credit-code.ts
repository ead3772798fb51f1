// 统一社会信用代码 (GB 32100-2015): 18 characters; the last is a check character.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeWithCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i]!);
    if (v < 0) throw new Error('invalid character');
    sum += v * WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return first17 + CHARS[c === 31 ? 0 : c];
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  try {
    return creditCodeWithCheck(code.slice(0, 17)) === code;
  } catch {
    return false;
  }
}
