import { type MouseEvent as ReactMouseEvent, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { type Pt, centroid, dist, gridPath, movedPoints, pointsAttr, rectFromCorners, viewBoxOf } from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import { BackgroundImage, clientToPlan } from './floorplan-svg';
import type { FloorPlanEditorState } from './useFloorPlanEditor';

const FILL_LINKED = '#bbdefb';
const FILL_UNLINKED = '#ffe0b2';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's drawing: the SVG with the background, the grid, the shapes, the selected shape's
 * vertex handles and the draft being drawn, and the mouse and keyboard interaction that draws,
 * moves and reshapes (keys are read on the window, outside text fields).
 */
export function FloorPlanCanvas({ ed, backgroundUrl }: { ed: FloorPlanEditorState; backgroundUrl?: (fileId: string) => string }) {
  const t = planMessages.useT();
  const {
    plan,
    tool,
    snap,
    zoom,
    selectedId,
    setSelectedId,
    selected,
    rectDraft,
    setRectDraft,
    polyDraft,
    setPolyDraft,
    cursor,
    setCursor,
    dragRef,
    roomById,
    handleR,
    fontSize,
    snapPt,
    updateShape,
    addShape,
    deleteShape,
    finishPolygon,
  } = ed;
  const svgRef = useRef<SVGSVGElement>(null);
  const { widthM, heightM, gridM } = plan;
  const vb = useMemo(() => viewBoxOf(widthM, heightM), [widthM, heightM]);
  const toPlan = (e: { clientX: number; clientY: number }): Pt | null =>
    svgRef.current ? clientToPlan(svgRef.current, e.clientX, e.clientY, vb) : null;

  const onMouseDown = (e: ReactMouseEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const raw = toPlan(e);
    if (!raw) return;
    e.preventDefault();
    if (isTypingTarget(document.activeElement)) (document.activeElement as HTMLElement).blur();
    const target = e.target as Element;
    if (tool === 'select') {
      const vertex = target.closest('[data-vertex-index]');
      if (vertex && selectedId) {
        dragRef.current = { kind: 'vertex', id: selectedId, index: Number(vertex.getAttribute('data-vertex-index')) };
        return;
      }
      const id = target.closest('[data-shape-id]')?.getAttribute('data-shape-id') ?? null;
      setSelectedId(id);
      const shape = id ? plan.shapes.find((s) => s.id === id) : undefined;
      if (shape) dragRef.current = { kind: 'move', id: shape.id, start: raw, orig: shape.points.map((p) => [p[0], p[1]] as Pt) };
      return;
    }
    if (tool === 'rect') {
      const p = snapPt(raw);
      dragRef.current = { kind: 'rect', start: p };
      setRectDraft([p, p]);
      return;
    }
    // polygon: clicking the first vertex closes it; the second press of a double-click adds nothing
    if (polyDraft.length >= 3 && dist(raw, polyDraft[0]) <= handleR * 2) {
      finishPolygon(polyDraft);
      return;
    }
    if (e.detail >= 2 && polyDraft.length > 0) return;
    const p = snapPt(raw);
    setPolyDraft((d) => (d.length && dist(d[d.length - 1], p) < 1e-9 ? d : [...d, p]));
    setCursor(p);
  };

  const onMouseMove = (e: ReactMouseEvent<SVGSVGElement>) => {
    const d = dragRef.current;
    if (!d && tool !== 'polygon') return;
    const raw = toPlan(e);
    if (!raw) return;
    if (tool === 'polygon') setCursor(snapPt(raw));
    if (!d) return;
    if (d.kind === 'rect') setRectDraft([d.start, snapPt(raw)]);
    else if (d.kind === 'vertex') {
      const p = snapPt(raw);
      updateShape(d.id, (s) => ({ ...s, points: s.points.map((q, i) => (i === d.index ? p : q)) }));
    } else {
      const moved = movedPoints(d.orig, d.start, raw, { gridM, snap, widthM, heightM });
      updateShape(d.id, (s) => ({ ...s, points: moved }));
    }
  };

  const endDrag = () => {
    const d = dragRef.current;
    dragRef.current = null;
    if (d?.kind === 'rect' && rectDraft) {
      const rect = rectFromCorners(rectDraft[0], rectDraft[1], snap ? gridM / 2 : 0.05);
      if (rect) addShape(rect);
      setRectDraft(null);
    }
  };

  // A release outside the drawing still ends a drag.
  const releaseRef = useRef(() => {});
  releaseRef.current = () => {
    if (dragRef.current) endDrag();
  };
  useEffect(() => {
    const up = () => releaseRef.current();
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const onKey = (e: KeyboardEvent) => {
    if (isTypingTarget(e.target)) return;
    if (tool === 'polygon') {
      if (e.key === 'Enter' && polyDraft.length) {
        e.preventDefault();
        finishPolygon(polyDraft);
      } else if (e.key === 'Escape') {
        setPolyDraft([]);
        setCursor(null);
      }
      return;
    }
    if (tool === 'rect' && e.key === 'Escape') {
      dragRef.current = null;
      setRectDraft(null);
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId) {
      e.preventDefault();
      deleteShape(selectedId);
    } else if (e.key === 'Escape') setSelectedId(null);
  };
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useEffect(() => {
    const h = (e: KeyboardEvent) => onKeyRef.current(e);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const grid = useMemo(() => gridPath(widthM, heightM, gridM), [widthM, heightM, gridM]);

  const shapesLayer = useMemo(
    () =>
      plan.shapes.map((s) => {
        const isSel = s.id === selectedId;
        const [cx, cy] = centroid(s.points);
        const label = s.label || (s.roomId != null ? (roomById.get(s.roomId)?.number ?? '') : '');
        return (
          <g key={s.id}>
            <polygon
              data-testid={`shape-${s.id}`}
              data-shape-id={s.id}
              data-room-id={s.roomId ?? undefined}
              points={pointsAttr(s.points)}
              fill={s.roomId != null ? FILL_LINKED : FILL_UNLINKED}
              fillOpacity={0.8}
              stroke={isSel ? '#b71c1c' : '#37474f'}
              strokeWidth={isSel ? 3 : 1}
              vectorEffect="non-scaling-stroke"
              style={{ cursor: tool === 'select' ? 'move' : 'crosshair' }}
            />
            {label && (
              <text x={cx} y={cy} fontSize={fontSize} textAnchor="middle" dominantBaseline="central" pointerEvents="none" fill="#212121">
                {label}
              </text>
            )}
          </g>
        );
      }),
    [plan.shapes, selectedId, roomById, tool, fontSize],
  );

  const bg = plan.background;

  const draftPreview: ReactNode[] = [];
  if (rectDraft) {
    const [a, b] = rectDraft;
    draftPreview.push(
      <rect
        key="rect"
        data-testid="draft-rect"
        x={Math.min(a[0], b[0])}
        y={Math.min(a[1], b[1])}
        width={Math.abs(a[0] - b[0])}
        height={Math.abs(a[1] - b[1])}
        fill="#1e88e5"
        fillOpacity={0.15}
        stroke="#1e88e5"
        strokeDasharray="4 3"
        vectorEffect="non-scaling-stroke"
        pointerEvents="none"
      />,
    );
  }
  if (polyDraft.length) {
    const pts = cursor ? [...polyDraft, cursor] : polyDraft;
    draftPreview.push(
      <polyline
        key="poly"
        data-testid="draft-polygon"
        points={pointsAttr(pts)}
        fill="#1e88e5"
        fillOpacity={0.1}
        stroke="#1e88e5"
        strokeWidth={1.5}
        strokeDasharray="4 3"
        vectorEffect="non-scaling-stroke"
        pointerEvents="none"
      />,
      ...polyDraft.map((p, i) => (
        <circle
          // biome-ignore lint/suspicious/noArrayIndexKey: vertices are positional
          key={`v${i}`}
          data-testid={i === 0 ? 'draft-first-vertex' : undefined}
          cx={p[0]}
          cy={p[1]}
          r={i === 0 ? handleR * 1.5 : handleR}
          fill={i === 0 ? '#fff' : '#1e88e5'}
          stroke="#1e88e5"
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
        />
      )),
    );
  }

  return (
    <div style={{ flex: '1 1 480px', minWidth: 0, overflow: 'auto', maxHeight: '75vh', border: '1px solid #d9d9d9', background: '#fff' }}>
      <svg
        ref={svgRef}
        data-testid="plan-svg"
        viewBox={vb.join(' ')}
        style={{ width: `${zoom * 100}%`, display: 'block', userSelect: 'none', cursor: tool === 'select' ? 'default' : 'crosshair' }}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={endDrag}
        onDoubleClick={() => {
          if (tool === 'polygon') finishPolygon(polyDraft);
        }}
        onMouseLeave={() => setCursor(null)}
      >
        <title>{t('svgTitle')}</title>
        <rect x={0} y={0} width={widthM} height={heightM} fill="#fafafa" />
        <BackgroundImage background={bg} backgroundUrl={backgroundUrl} />
        <path d={grid} stroke="#cfd8dc" strokeWidth={0.5} vectorEffect="non-scaling-stroke" fill="none" pointerEvents="none" />
        <rect
          x={0}
          y={0}
          width={widthM}
          height={heightM}
          fill="none"
          stroke="#607d8b"
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
          pointerEvents="none"
        />
        {shapesLayer}
        {tool === 'select' &&
          selected?.points.map((p, i) => (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: vertices are positional
              key={i}
              data-testid={`vertex-${i}`}
              data-vertex-index={i}
              cx={p[0]}
              cy={p[1]}
              r={handleR}
              fill="#fff"
              stroke="#b71c1c"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
              style={{ cursor: 'grab' }}
            />
          ))}
        {draftPreview}
      </svg>
    </div>
  );
}
