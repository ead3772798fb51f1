import { describe, expect, it } from 'vitest';
import { findBadText, isBadText } from './input-guard';

describe('text the database cannot store', () => {
  it('finds NUL characters and lone surrogates, and lets every real character through', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDBFFa', 'a\uDC00\uD800'])
      expect(isBadText(bad), JSON.stringify(bad)).toBe(true);
    for (const ok of ['', '后勤', '😀', '\uDBFF\uDFFF', 'tab\tnew\nline', '\uFFFD']) expect(isBadText(ok), JSON.stringify(ok)).toBe(false);
  });
  it('names the first field that holds it, at any depth and in keys', () => {
    expect(findBadText({ name: 'ok', rows: [{ note: 'fine' }, { note: 'a\u0000' }] })).toBe('rows.1.note');
    expect(findBadText({ 'k\uD800': 1 })).toBe('k\uD800');
    expect(findBadText('\u0000')).toBe('value');
    expect(findBadText({ a: 1, b: null, c: ['x', { d: true }] })).toBeNull();
  });
});
