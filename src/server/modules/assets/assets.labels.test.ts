import { describe, expect, it } from 'vitest';
import { labelSheet, qrSvg } from './assets.labels';

describe('asset labels', () => {
  it('draws a QR code whose size grows with the text and escapes what it prints', () => {
    const small = qrSvg('https://hq.example/assets/card/A1');
    const large = qrSvg(`https://hq.example/assets/card/${'A050102-2026-'.repeat(8)}`);
    const side = (s: string) => Number(/viewBox="-2 -2 (\d+)/.exec(s)![1]);
    expect(side(small)).toBe(29 + 4); // 34 bytes at level M need version 3: 29 modules, plus the quiet zone
    expect(side(large)).toBeGreaterThan(side(small));
    const html = labelSheet([{ code: 'A<1>', name: '椅子 & 桌', org_name: '发改局', purchase_date: '2020-01-02' }], (c) => `/c/${c}`, 't');
    expect(html).toContain('椅子 &#38; 桌');
    expect(html).toContain('A&#60;1&#62;');
    expect(html.match(/class="l"/g)).toHaveLength(1);
  });
});
