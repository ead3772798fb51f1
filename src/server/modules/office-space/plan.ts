import type { TFloorPlan, TPlanShape } from '../../../contracts/modules/office-space';

type Pt = [number, number];
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** The bounds of an axis-aligned rectangle, or null for any other shape. */
export function rectangleOf(points: Pt[]): { x0: number; y0: number; x1: number; y1: number } | null {
  if (points.length !== 4) return null;
  const xs = [...new Set(points.map((p) => p[0]))];
  const ys = [...new Set(points.map((p) => p[1]))];
  if (xs.length !== 2 || ys.length !== 2) return null;
  // Every corner of the bounding box must be present (no repeated or skewed points).
  for (const x of xs) for (const y of ys) if (!points.some((p) => p[0] === x && p[1] === y)) return null;
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * A room partitioned into parts (隔) redrawn on its floor plan: a rectangle is cut across its
 * longer side into strips whose widths follow the parts' areas, each linked to its new room.
 * Any other shape cannot be cut without a drawing, so it is unlinked and labelled for the
 * administrator to redraw in the editor (the new rooms then show as not yet drawn).
 */
export function splitShapeForPartition(
  plan: TFloorPlan,
  oldRoomId: number,
  parts: { roomId: number; number: string; area: number }[],
): TFloorPlan {
  const shapes: TPlanShape[] = [];
  for (const s of plan.shapes) {
    if (s.roomId !== oldRoomId) {
      shapes.push(s);
      continue;
    }
    const rect = rectangleOf(s.points as Pt[]);
    const total = parts.reduce((a, p) => a + p.area, 0);
    if (!rect || total <= 0) {
      shapes.push({ ...s, roomId: null, label: `${s.label}（分隔后待重绘）`.slice(0, 40) });
      continue;
    }
    const horizontal = rect.x1 - rect.x0 >= rect.y1 - rect.y0;
    const length = horizontal ? rect.x1 - rect.x0 : rect.y1 - rect.y0;
    let at = horizontal ? rect.x0 : rect.y0;
    parts.forEach((p, i) => {
      const end = i === parts.length - 1 ? (horizontal ? rect.x1 : rect.y1) : r3(at + (length * p.area) / total);
      const pts: Pt[] = horizontal
        ? [
            [at, rect.y0],
            [end, rect.y0],
            [end, rect.y1],
            [at, rect.y1],
          ]
        : [
            [rect.x0, at],
            [rect.x1, at],
            [rect.x1, end],
            [rect.x0, end],
          ];
      shapes.push({ id: `${s.id}-${i + 1}`.slice(0, 40), roomId: p.roomId, label: p.number, points: pts });
      at = end;
    });
  }
  return { ...plan, shapes };
}
