import { describe, expect, it } from 'vitest';
import type { TFloorPlan } from '../../../contracts/modules/office-space';
import { rectangleOf, splitShapeForPartition } from './plan';

const plan = (points: [number, number][]): TFloorPlan => ({
  widthM: 40,
  heightM: 20,
  gridM: 0.5,
  shapes: [
    { id: 's1', roomId: 7, label: '301', points },
    {
      id: 's2',
      roomId: 8,
      label: '302',
      points: [
        [10, 0],
        [14, 0],
        [14, 6],
        [10, 6],
      ],
    },
  ],
});

describe('floor plan after a partition (隔)', () => {
  it('recognises axis-aligned rectangles only', () => {
    expect(
      rectangleOf([
        [0, 0],
        [6, 0],
        [6, 4],
        [0, 4],
      ]),
    ).toEqual({ x0: 0, y0: 0, x1: 6, y1: 4 });
    expect(
      rectangleOf([
        [0, 0],
        [6, 1],
        [6, 4],
        [0, 4],
      ]),
    ).toBeNull();
    expect(
      rectangleOf([
        [0, 0],
        [6, 0],
        [3, 4],
      ]),
    ).toBeNull();
  });

  it('cuts a rectangle across its longer side in proportion to the parts, linking each to its room', () => {
    const out = splitShapeForPartition(
      plan([
        [0, 0],
        [6, 0],
        [6, 4],
        [0, 4],
      ]),
      7,
      [
        { roomId: 70, number: '301A', area: 18 },
        { roomId: 71, number: '301B', area: 6 },
      ],
    );
    const parts = out.shapes.filter((s) => s.id.startsWith('s1-'));
    expect(parts.map((s) => [s.roomId, s.label])).toEqual([
      [70, '301A'],
      [71, '301B'],
    ]);
    expect(parts[0]!.points).toEqual([
      [0, 0],
      [4.5, 0],
      [4.5, 4],
      [0, 4],
    ]);
    expect(parts[1]!.points).toEqual([
      [4.5, 0],
      [6, 0],
      [6, 4],
      [4.5, 4],
    ]);
    // Other rooms are untouched, and no shape still points at the old room.
    expect(out.shapes.find((s) => s.id === 's2')!.roomId).toBe(8);
    expect(out.shapes.some((s) => s.roomId === 7)).toBe(false);
  });

  it('cuts a tall rectangle along y', () => {
    const out = splitShapeForPartition(
      plan([
        [0, 0],
        [4, 0],
        [4, 9],
        [0, 9],
      ]),
      7,
      [
        { roomId: 70, number: 'A', area: 1 },
        { roomId: 71, number: 'B', area: 2 },
      ],
    );
    expect(out.shapes.find((s) => s.roomId === 70)!.points).toEqual([
      [0, 0],
      [4, 0],
      [4, 3],
      [0, 3],
    ]);
  });

  it('unlinks a polygon for redrawing rather than guessing a cut', () => {
    const out = splitShapeForPartition(
      plan([
        [0, 0],
        [6, 0],
        [6, 4],
        [3, 6],
        [0, 4],
      ]),
      7,
      [
        { roomId: 70, number: 'A', area: 1 },
        { roomId: 71, number: 'B', area: 1 },
      ],
    );
    const s1 = out.shapes.find((s) => s.id === 's1')!;
    expect(s1.roomId).toBeNull();
    expect(s1.label).toContain('待重绘');
  });
});
