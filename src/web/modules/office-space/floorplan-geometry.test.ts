import { describe, expect, it } from 'vitest';
import {
  type Pt,
  ZOOM_MAX,
  ZOOM_MIN,
  areaDiffPct,
  bbox,
  boxToPlan,
  centroid,
  cleanPlan,
  cleanPolygon,
  clonePlan,
  fitMetresPerPixel,
  gridPath,
  handleRadius,
  labelFontSize,
  movedPoints,
  planAreaMismatch,
  polygonArea,
  rectFromCorners,
  snapPoint,
  snapValue,
  viewBoxOf,
  zoomStep,
} from './floorplan-geometry';

/** Runs in the unit project's node environment: no DOM, no React. */
describe('floor-plan geometry', () => {
  const square: Pt[] = [
    [0, 0],
    [4, 0],
    [4, 4],
    [0, 4],
  ];
  const lShape: Pt[] = [
    [0, 0],
    [6, 0],
    [6, 2],
    [2, 2],
    [2, 5],
    [0, 5],
  ];

  it('has no DOM to lean on', () => {
    expect(typeof document).toBe('undefined');
  });

  it('computes areas of rectangles and concave rooms, whichever way they are drawn', () => {
    expect(polygonArea(square)).toBe(16);
    expect(polygonArea([...square].reverse())).toBe(16);
    expect(polygonArea(lShape)).toBe(6 * 2 + 2 * 3);
  });

  it('flags a drawn area more than 5 % off the registered one', () => {
    expect(planAreaMismatch(16, 16)).toBe(false);
    expect(planAreaMismatch(16.7, 16)).toBe(false);
    expect(planAreaMismatch(17, 16)).toBe(true);
    expect(planAreaMismatch(15, 16)).toBe(true);
  });

  it('snaps to the grid and rounds to the millimetre', () => {
    expect(snapValue(1.26, 0.5, true)).toBe(1.5);
    expect(snapValue(1.24, 0.5, true)).toBe(1);
    expect(snapValue(1.23456, 0.5, false)).toBe(1.235);
    expect(snapValue(0.7, 0.25, true)).toBe(0.75);
  });

  it('keeps a snapped point inside the plan', () => {
    expect(snapPoint([-0.4, 3.3], 0.5, true, 10, 8)).toEqual([0, 3.5]);
    expect(snapPoint([12, 9.9], 0.5, true, 10, 8)).toEqual([10, 8]);
    expect(snapPoint([2.1234, 7.9999], 0.5, false, 10, 8)).toEqual([2.123, 8]);
  });

  it('draws a rectangle between two corners in either direction, refusing slivers', () => {
    expect(rectFromCorners([4, 4], [0, 0], 0.25)).toEqual(square);
    expect(rectFromCorners([0, 0], [4, 0.2], 0.25)).toBeNull();
    expect(rectFromCorners([0, 0], [0.05, 3], 0.05)).toEqual([
      [0, 0],
      [0.05, 0],
      [0.05, 3],
      [0, 3],
    ]);
  });

  it('cleans a clicked polygon: repeated and closing points go, degenerate ones are refused', () => {
    const clicks: Pt[] = [
      [0, 0],
      [0.01, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0.02, 0.01],
    ];
    expect(cleanPolygon(clicks, 0.1)).toEqual(square);
    expect(
      cleanPolygon(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        0.1,
      ),
    ).toBeNull();
    expect(
      cleanPolygon(
        [
          [0, 0],
          [3, 0],
        ],
        0.1,
      ),
    ).toBeNull();
  });

  it('finds the centroid of a polygon and the vertex mean of a degenerate one', () => {
    expect(centroid(square)).toEqual([2, 2]);
    const [cx, cy] = centroid(lShape);
    expect(cx).toBeCloseTo((12 * 3 + 6 * 1) / 18, 9);
    expect(cy).toBeCloseTo((12 * 1 + 6 * 3.5) / 18, 9);
    expect(
      centroid([
        [0, 0],
        [2, 2],
        [4, 4],
      ]),
    ).toEqual([2, 2]);
  });

  it('gives bounding boxes and a viewBox with a 2 % margin', () => {
    expect(bbox(lShape)).toEqual({ minX: 0, minY: 0, maxX: 6, maxY: 5 });
    expect(viewBoxOf(50, 20)).toEqual([-1, -1, 52, 22]);
  });

  it('draws the grid as one path, coarsened beyond about 400 lines', () => {
    expect(gridPath(1, 1, 0.5)).toBe('M0 0V1M0.5 0V1M1 0V1M0 0H1M0 0.5H1M0 1H1');
    const big = gridPath(400, 400, 0.5);
    expect(big.split('M').length - 1).toBeLessThanOrEqual(402);
  });

  it('saves rounded coordinates, trimmed labels and only real polygons; clones deeply', () => {
    const plan = {
      widthM: 10,
      heightM: 8,
      gridM: 0.5,
      shapes: [
        {
          id: 'a',
          roomId: 1,
          label: '  301 办公室  ',
          points: [
            [0.12345, 0],
            [4, 0],
            [4, 4.00049],
          ] as Pt[],
        },
        {
          id: 'b',
          roomId: null,
          label: 'x',
          points: [
            [0, 0],
            [1, 1],
          ] as Pt[],
        },
      ],
    };
    const saved = cleanPlan(plan);
    expect(saved.shapes).toEqual([
      {
        id: 'a',
        roomId: 1,
        label: '301 办公室',
        points: [
          [0.123, 0],
          [4, 0],
          [4, 4],
        ],
      },
    ]);
    const copy = clonePlan({ ...plan, gridM: 0 });
    expect(copy.gridM).toBe(0.5);
    copy.shapes[0]!.points[0]![0] = 99;
    expect(plan.shapes[0]!.points[0]![0]).toBe(0.12345);
  });

  it('zooms by whole percent within 50 %–800 %, and shrinks the handles as it zooms in', () => {
    expect(zoomStep(1, 1.25)).toBe(1.25);
    expect(zoomStep(1, 1 / 1.25)).toBe(0.8);
    expect(zoomStep(0.55, 0.8)).toBe(ZOOM_MIN);
    expect(zoomStep(7.5, 1.25)).toBe(ZOOM_MAX);
    expect(handleRadius(60, 25, 1)).toBeCloseTo(25 / 90, 9);
    expect(handleRadius(60, 25, 4)).toBeCloseTo(25 / 90 / 2, 9);
    expect(handleRadius(2, 2, 1)).toBe(0.08);
  });

  it('maps a client position through the bounding box onto the viewBox, and refuses an empty box', () => {
    const box = { left: 100, top: 50, width: 200, height: 100 };
    expect(boxToPlan(100, 50, box, [-1, -1, 52, 22])).toEqual([-1, -1]);
    expect(boxToPlan(300, 150, box, [-1, -1, 52, 22])).toEqual([51, 21]);
    expect(boxToPlan(200, 100, box, [0, 0, 10, 4])).toEqual([5, 2]);
    expect(boxToPlan(200, 100, { ...box, width: 0 }, [0, 0, 10, 4])).toBeNull();
  });

  it('moves a dragged shape with its first vertex on the grid, kept inside the plan', () => {
    const grid = { gridM: 0.5, snap: true, widthM: 10, heightM: 8 };
    expect(movedPoints(square, [1, 1], [2.2, 1.1], grid)).toEqual([
      [1, 0],
      [5, 0],
      [5, 4],
      [1, 4],
    ]);
    expect(movedPoints(square, [1, 1], [2.2, 1.1], { ...grid, snap: false })).toEqual([
      [1.2, 0.1],
      [5.2, 0.1],
      [5.2, 4.1],
      [1.2, 4.1],
    ]);
    // Dragged far past the right and bottom edges, it stops against them.
    expect(movedPoints(square, [0, 0], [30, 30], grid)).toEqual([
      [6, 4],
      [10, 4],
      [10, 8],
      [6, 8],
    ]);
    expect(movedPoints(square, [2, 2], [-5, -5], grid)).toEqual(square);
  });

  it('fits an uploaded background to the plan width, 5 cm a pixel when its size is unknown', () => {
    expect(fitMetresPerPixel(60, 1200)).toBe(0.05);
    expect(fitMetresPerPixel(50, 3000)).toBe(0.01667);
    expect(fitMetresPerPixel(60, null)).toBe(0.05);
    expect(fitMetresPerPixel(1000, 1)).toBe(10);
  });

  it('gives the drawn-vs-registered difference in percent, 0 without a registered area', () => {
    expect(areaDiffPct(17, 16)).toBeCloseTo(6.25, 9);
    expect(areaDiffPct(15, 16)).toBeCloseTo(-6.25, 9);
    expect(areaDiffPct(15, 0)).toBe(0);
  });

  it('sizes a viewer label to fit its shape, never above the base size nor under 0.1 m', () => {
    expect(labelFontSize(square, 1, 3)).toBe(1);
    expect(labelFontSize(square, 5, 6)).toBeCloseTo(4 / (6 * 0.62), 9);
    expect(labelFontSize(square, 5, 1)).toBeCloseTo(4 / 2.6, 9);
    expect(labelFontSize(square, 5, 0)).toBeCloseTo(4 / 2.6, 9);
    expect(
      labelFontSize(
        [
          [0, 0],
          [0.01, 0],
          [0.01, 0.01],
        ],
        1,
        3,
      ),
    ).toBe(0.1);
  });
});
