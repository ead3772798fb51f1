/**
 * The floor-plan editor's geometry, in plan metres: pure functions without React or a DOM, so
 * they are unit-tested (floorplan-geometry.test.ts) and the editor (useFloorPlanEditor.ts,
 * FloorPlanCanvas.tsx) only wires them to the mouse. Areas and the drawn-vs-registered check
 * are the contract's, shared with the server's plan validation.
 */
import type { TFloorPlan } from '../../../contracts/modules/office-space';
import { polygonArea } from '../../../contracts/modules/office-space';

export { planAreaMismatch, polygonArea } from '../../../contracts/modules/office-space';

export type Pt = [number, number];

export const round3 = (v: number) => Math.round(v * 1000) / 1000;
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
export const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const pointsAttr = (pts: readonly (readonly [number, number])[]) => pts.map((p) => `${p[0]},${p[1]}`).join(' ');

/** Area-weighted centroid; the vertex mean for degenerate polygons. */
export function centroid(pts: readonly (readonly [number, number])[]): Pt {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    const f = x1 * y2 - x2 * y1;
    a += f;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  if (Math.abs(a) < 1e-9) {
    const n = pts.length || 1;
    return [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

export function bbox(pts: readonly (readonly [number, number])[]) {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

/** The viewBox: the plan extent with a small margin, in metres. */
export function viewBoxOf(widthM: number, heightM: number): [number, number, number, number] {
  const m = Math.max(widthM, heightM) * 0.02;
  return [-m, -m, widthM + 2 * m, heightM + 2 * m];
}

/** One path with every grid line; coarsened so that no more than ~400 lines are drawn. */
export function gridPath(widthM: number, heightM: number, gridM: number): string {
  const k = Math.max(1, Math.ceil((widthM + heightM) / gridM / 400));
  const step = gridM * k;
  const parts: string[] = [];
  for (let x = 0; x <= widthM + 1e-9; x += step) parts.push(`M${round3(x)} 0V${heightM}`);
  for (let y = 0; y <= heightM + 1e-9; y += step) parts.push(`M0 ${round3(y)}H${widthM}`);
  return parts.join('');
}

export function clonePlan(plan: TFloorPlan): TFloorPlan {
  return {
    ...plan,
    gridM: plan.gridM || 0.5,
    background: plan.background ? { ...plan.background } : plan.background,
    shapes: plan.shapes.map((s) => ({ ...s, label: s.label ?? '', points: s.points.map((p) => [p[0], p[1]] as Pt) })),
  };
}

/** What is saved: rounded coordinates, trimmed labels, only valid polygons. */
export function cleanPlan(plan: TFloorPlan): TFloorPlan {
  return {
    ...plan,
    shapes: plan.shapes
      .filter((s) => s.points.length >= 3)
      .map((s) => ({ ...s, label: s.label.trim().slice(0, 40), points: s.points.map((p) => [round3(p[0]), round3(p[1])] as Pt) })),
  };
}

/** A coordinate on the grid (when snapping), rounded to the millimetre either way. */
export function snapValue(v: number, gridM: number, snap: boolean): number {
  return snap ? round3(Math.round(v / gridM) * gridM) : round3(v);
}

/** A point snapped like `snapValue` and kept inside the plan's extent. */
export function snapPoint(p: readonly [number, number], gridM: number, snap: boolean, widthM: number, heightM: number): Pt {
  return [clamp(snapValue(p[0], gridM, snap), 0, widthM), clamp(snapValue(p[1], gridM, snap), 0, heightM)];
}

/**
 * The polygon a click sequence draws: points closer than `tol` to the previous one are dropped,
 * and closing points near the first; null when what is left is no room (under three points, over
 * 200, or no area).
 */
export function cleanPolygon(pts: readonly Pt[], tol: number): Pt[] | null {
  const clean: Pt[] = [];
  for (const p of pts) if (!clean.length || dist(clean[clean.length - 1], p) > tol) clean.push(p);
  while (clean.length > 3 && dist(clean[0], clean[clean.length - 1]) <= tol) clean.pop();
  if (clean.length < 3 || clean.length > 200 || polygonArea(clean) <= 1e-6) return null;
  return clean;
}

/** The rectangle dragged between two corners, clockwise from the top left; null when a side is under `min` metres. */
export function rectFromCorners(a: Pt, b: Pt, min: number): Pt[] | null {
  const x0 = Math.min(a[0], b[0]);
  const x1 = Math.max(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  const y1 = Math.max(a[1], b[1]);
  if (x1 - x0 < min || y1 - y0 < min) return null;
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** The editor's zoom range, as a factor of the container's width. */
export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 8;

/** The zoom after one step by factor `f`, rounded to whole percent and kept in range. */
export const zoomStep = (zoom: number, f: number) => clamp(Math.round(zoom * f * 100) / 100, ZOOM_MIN, ZOOM_MAX);

/** The radius of the vertex handles in metres: constant on screen-ish, shrinking as the zoom grows. */
export const handleRadius = (widthM: number, heightM: number, zoom: number) =>
  Math.max(0.08, Math.min(widthM, heightM) / 90) / Math.sqrt(zoom);

/**
 * A client position mapped through an element's bounding box onto the viewBox: what the editor
 * uses when the SVG has no screen transform (no layout engine); null for an empty box.
 */
export function boxToPlan(
  clientX: number,
  clientY: number,
  r: { left: number; top: number; width: number; height: number },
  vb: readonly [number, number, number, number],
): Pt | null {
  if (!r.width || !r.height) return null;
  return [vb[0] + ((clientX - r.left) / r.width) * vb[2], vb[1] + ((clientY - r.top) / r.height) * vb[3]];
}

/**
 * A shape dragged by `raw − start` from its points `orig`: when snapping, the move lands the first
 * vertex on the grid; the shape stays inside the plan (a shape already outside may not move further out).
 */
export function movedPoints(
  orig: readonly Pt[],
  start: Pt,
  raw: Pt,
  grid: { gridM: number; snap: boolean; widthM: number; heightM: number },
): Pt[] {
  const { gridM, snap, widthM, heightM } = grid;
  const b = bbox(orig);
  const [ox, oy] = orig[0];
  let dx = raw[0] - start[0];
  let dy = raw[1] - start[1];
  if (snap) {
    dx = snapValue(ox + dx, gridM, snap) - ox;
    dy = snapValue(oy + dy, gridM, snap) - oy;
  }
  dx = clamp(dx, Math.min(0, -b.minX), Math.max(0, widthM - b.maxX));
  dy = clamp(dy, Math.min(0, -b.minY), Math.max(0, heightM - b.maxY));
  return orig.map((p) => [round3(p[0] + dx), round3(p[1] + dy)] as Pt);
}

/** The first scale of an uploaded background: its width spans the plan's (4 significant digits); 5 cm per pixel when the size is unknown. */
export const fitMetresPerPixel = (widthM: number, imageWidthPx: number | null | undefined) =>
  imageWidthPx ? clamp(Number((widthM / imageWidthPx).toPrecision(4)), 0.0001, 10) : 0.05;

/** How far the drawn area is from the registered one, in percent of the registered (0 when none is registered). */
export const areaDiffPct = (drawn: number, registered: number) => (registered > 0 ? ((drawn - registered) / registered) * 100 : 0);

/** The viewer's label size for a shape: at most `base`, small enough for `chars` characters across and two lines down. */
export function labelFontSize(pts: readonly (readonly [number, number])[], base: number, chars: number): number {
  const b = bbox(pts);
  return Math.max(0.1, Math.min(base, (b.maxX - b.minX) / (Math.max(chars, 1) * 0.62), (b.maxY - b.minY) / 2.6));
}
