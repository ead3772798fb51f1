import qrcode from 'qrcode-generator';

/**
 * Printable A4 label sheets (3 × 8 labels of 70 × 37 mm, the common 24-up sheet). Each label
 * carries a QR code of the card's address, so a phone's camera opens the asset card with the
 * actions its user may take; the code is printed in text for a scanner-less check.
 */
export type LabelRow = { code: string; name: string; org_name: string; purchase_date: string | null };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One QR code as a single SVG path (one rectangle run per dark stretch of a row): small and sharp in print. */
export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!qr.isDark(y, x)) {
        x++;
        continue;
      }
      let w = 1;
      while (x + w < n && qr.isDark(y, x + w)) w++;
      d += `M${x} ${y}h${w}v1h-${w}z`;
      x += w;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 ${n + 4} ${n + 4}" shape-rendering="crispEdges"><path d="${d}"/></svg>`;
}

export function labelSheet(rows: LabelRow[], cardUrl: (code: string) => string, title: string): string {
  const labels = rows
    .map(
      (r) => `<div class="l"><div class="q">${qrSvg(cardUrl(r.code))}</div><div class="t"><b>${esc(r.name)}</b>
<span>${esc(r.org_name)}</span><code>${esc(r.code)}</code>${r.purchase_date ? `<span>${esc(r.purchase_date)}</span>` : ''}</div></div>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 13mm 0 0 0 }
body { margin: 0; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif }
.s { display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37mm; width: 210mm }
.l { display: flex; gap: 2mm; padding: 2.5mm; box-sizing: border-box; overflow: hidden; break-inside: avoid; border: 0.1mm dashed #ccc }
.q svg { width: 30mm; height: 30mm }
.t { display: flex; flex-direction: column; gap: 1mm; font-size: 8.5pt; min-width: 0 }
.t b { font-size: 9.5pt; max-height: 3em; overflow: hidden }
.t code { font-size: 8pt; word-break: break-all }
@media screen { body { background: #f3f3f3 } .s { background: #fff; margin: 8mm auto } }
</style></head><body><div class="s">
${labels}
</div></body></html>`;
}
