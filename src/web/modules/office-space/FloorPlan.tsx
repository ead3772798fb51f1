import {
  Alert,
  Button,
  Empty,
  InputNumber,
  Input,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
  Upload,
  message,
} from 'antd';
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  type TFloorDetail,
  type TFloorPlan,
  type TPlanShape,
  planAreaMismatch,
  polygonArea,
} from '../../../contracts/modules/office-space';
import { defineMessages } from '../../shared/i18n';
import {
  type Pt,
  bbox,
  centroid,
  clamp,
  cleanPlan,
  cleanPolygon,
  clonePlan,
  dist,
  gridPath,
  pointsAttr,
  rectFromCorners,
  round3,
  snapPoint,
  snapValue,
  viewBoxOf,
} from './floorplan-geometry';

/**
 * Floor plans (楼层平面图): an SVG editor to trace rooms over an optional scanned plan and link each
 * shape to a room record, and a read-only viewer coloured by use class or by compliance.
 * All coordinates are metres from the plan's top-left corner; the SVG viewBox is in metres too,
 * so the drawing scales to the width of its container.
 */
export const planMessages = defineMessages('office.plan', {
  svgTitle: { zh: '楼层平面图', en: 'Floor plan' },
  'tool.select': { zh: '选择', en: 'Select' },
  'tool.rect': { zh: '矩形', en: 'Rectangle' },
  'tool.polygon': { zh: '多边形', en: 'Polygon' },
  snap: { zh: '吸附网格', en: 'Snap to grid' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  zoomReset: { zh: '重置缩放', en: 'Reset zoom' },
  width: { zh: '宽 (米)', en: 'Width (m)' },
  height: { zh: '深 (米)', en: 'Depth (m)' },
  grid: { zh: '网格 (米)', en: 'Grid (m)' },
  save: { zh: '保存平面图', en: 'Save plan' },
  delete: { zh: '删除图形', en: 'Delete shape' },
  shape: { zh: '图形属性', en: 'Shape' },
  label: { zh: '标注', en: 'Label' },
  room: { zh: '对应房间', en: 'Room' },
  roomPlaceholder: { zh: '选择房间', en: 'Choose a room' },
  roomLinked: { zh: '已绘制', en: 'already drawn' },
  drawnArea: { zh: '绘制面积', en: 'Drawn area' },
  registeredArea: { zh: '登记面积', en: 'Registered area' },
  areaWarning: {
    zh: '绘制面积与登记面积相差 {pct}%，超过 5%',
    en: 'The drawn area differs from the registered area by {pct}% (more than 5 %)',
  },
  noSelection: { zh: '点击图形以编辑其属性', en: 'Click a shape to edit it' },
  'hint.select': {
    zh: '点击图形选中；拖动图形移动，拖动顶点调整形状；Delete 删除。',
    en: 'Click a shape to select it; drag it to move, drag a vertex to reshape; Delete removes it.',
  },
  'hint.rect': { zh: '按下并拖动鼠标绘制矩形。', en: 'Press and drag to draw a rectangle.' },
  'hint.polygon': {
    zh: '逐点单击添加顶点；双击、回车或单击第一个顶点完成，Esc 取消。',
    en: 'Click to add vertices; double-click, Enter or click the first vertex to finish, Esc to cancel.',
  },
  unlinkedShapes: { zh: '未关联房间的图形', en: 'Shapes not linked to a room' },
  roomsWithoutShape: { zh: '未绘制的房间', en: 'Rooms without a shape' },
  none: { zh: '无', en: 'None' },
  unnamed: { zh: '(未命名)', en: '(unnamed)' },
  background: { zh: '底图', en: 'Background' },
  uploadBackground: { zh: '上传底图', en: 'Upload background' },
  replaceBackground: { zh: '更换底图', en: 'Replace background' },
  removeBackground: { zh: '移除底图', en: 'Remove background' },
  mpp: { zh: '比例 (米/像素)', en: 'Scale (m per pixel)' },
  opacity: { zh: '透明度', en: 'Opacity' },
  offsetX: { zh: '偏移 X (米)', en: 'Offset X (m)' },
  offsetY: { zh: '偏移 Y (米)', en: 'Offset Y (m)' },
  uploadFailed: { zh: '底图上传失败', en: 'The background upload failed' },
  saveFailed: { zh: '保存失败', en: 'Saving failed' },
  shapes: { zh: '{n} 个图形', en: '{n} shapes' },
  unlinked: { zh: '未关联房间', en: 'Not linked to a room' },
  'useClass.office': { zh: '办公用房', en: 'Office' },
  'useClass.service': { zh: '服务用房', en: 'Service' },
  'useClass.equipment': { zh: '设备用房', en: 'Equipment' },
  'useClass.auxiliary': { zh: '附属用房', en: 'Auxiliary' },
  'compliance.over': { zh: '超标使用', en: 'Over standard' },
  'compliance.idle': { zh: '闲置', en: 'Idle' },
  'compliance.lent': { zh: '出租出借', en: 'Rented or lent out' },
  'compliance.ok': { zh: '正常使用', en: 'Compliant' },
  'tip.area': { zh: '面积', en: 'Area' },
  'tip.org': { zh: '单位', en: 'Unit' },
  'tip.occupants': { zh: '使用人', en: 'Occupants' },
  empty: { zh: '尚未绘制平面图', en: 'No floor plan has been drawn yet' },
});

type Room = TFloorDetail['roomList'][number];
type Tool = 'select' | 'rect' | 'polygon';
type Background = NonNullable<TFloorPlan['background']>;

const DEFAULT_PLAN: TFloorPlan = { widthM: 60, heightM: 25, gridM: 0.5, shapes: [] };
const FILL_LINKED = '#bbdefb';
const FILL_UNLINKED = '#ffe0b2';
const USE_CLASS_COLOURS: Record<Room['useClass'], string> = {
  office: '#64b5f6',
  service: '#81c784',
  equipment: '#ffb74d',
  auxiliary: '#ba68c8',
};
const COMPLIANCE_COLOURS = { over: '#e53935', idle: '#bdbdbd', lent: '#8e24aa', ok: '#66bb6a' } as const;
type ComplianceKey = keyof typeof COMPLIANCE_COLOURS;
const UNLINKED_FILL = '#ffffff';
const ZOOM_MIN = 0.5;
const ZOOM_MAX = 8;

/** A page (client) position to plan metres, through the SVG's screen transform. */
function clientToPlan(svg: SVGSVGElement, clientX: number, clientY: number, vb: [number, number, number, number]): Pt | null {
  const ctm = typeof svg.getScreenCTM === 'function' ? svg.getScreenCTM() : null;
  if (ctm) {
    const inv = ctm.inverse();
    if (typeof svg.createSVGPoint === 'function') {
      const p = svg.createSVGPoint();
      p.x = clientX;
      p.y = clientY;
      const q = p.matrixTransform(inv);
      return [q.x, q.y];
    }
    if (typeof DOMPoint !== 'undefined') {
      const q = new DOMPoint(clientX, clientY).matrixTransform(inv);
      return [q.x, q.y];
    }
  }
  // Environments without an SVG layout engine: map the bounding box onto the viewBox.
  const r = svg.getBoundingClientRect();
  if (!r.width || !r.height) return null;
  return [vb[0] + ((clientX - r.left) / r.width) * vb[2], vb[1] + ((clientY - r.top) / r.height) * vb[3]];
}

/** The image's natural size in pixels, loaded once per URL. */
function useNaturalSize(url: string | null): { w: number; h: number } | null {
  const [size, setSize] = useState<{ url: string; w: number; h: number } | null>(null);
  useEffect(() => {
    if (!url) return;
    let alive = true;
    const img = new Image();
    img.onload = () => {
      if (alive && img.naturalWidth > 0) setSize({ url, w: img.naturalWidth, h: img.naturalHeight });
    };
    img.src = url;
    return () => {
      alive = false;
    };
  }, [url]);
  return size && size.url === url ? size : null;
}

function readImageSize(file: File): Promise<{ w: number; h: number } | null> {
  return new Promise((resolve) => {
    if (typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function') return resolve(null);
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img.naturalWidth > 0 ? { w: img.naturalWidth, h: img.naturalHeight } : null);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(null);
    };
    img.src = url;
  });
}

function BackgroundImage({
  background,
  backgroundUrl,
}: {
  background: Background | null | undefined;
  backgroundUrl?: (fileId: string) => string;
}) {
  const url = background && backgroundUrl ? backgroundUrl(background.fileId) : null;
  const size = useNaturalSize(url);
  if (!background || !url || !size) return null;
  return (
    <image
      href={url}
      x={background.x}
      y={background.y}
      width={size.w * background.metresPerPixel}
      height={size.h * background.metresPerPixel}
      opacity={background.opacity ?? 0.5}
      preserveAspectRatio="none"
      pointerEvents="none"
    />
  );
}

let idCounter = 0;
function newShapeId(existing: readonly TPlanShape[]): string {
  const taken = new Set(existing.map((s) => s.id));
  for (;;) {
    const uuid = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID().slice(0, 8) : null;
    const id = uuid ?? `s${Date.now().toString(36)}${(idCounter++).toString(36)}`;
    if (!taken.has(id)) return id;
  }
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function roomOptionLabel(room: Room) {
  return `${room.number} · ${room.area} ㎡`;
}

// ---------- editor ----------
export type FloorPlanEditorProps = {
  plan: TFloorPlan | null;
  rooms: TFloorDetail['roomList'];
  backgroundUrl?: (fileId: string) => string;
  onUploadBackground?: (file: File) => Promise<string>;
  onSave: (plan: TFloorPlan) => void | Promise<void>;
  saving?: boolean;
};

type Drag =
  | { kind: 'move'; id: string; start: Pt; orig: Pt[] }
  | { kind: 'vertex'; id: string; index: number }
  | { kind: 'rect'; start: Pt };

/**
 * Draws room shapes over the floor and links each to a room record. The initial `plan` is read once:
 * remount the editor (a `key`) to load another plan.
 */
export function FloorPlanEditor({ plan: initialPlan, rooms, backgroundUrl, onUploadBackground, onSave, saving }: FloorPlanEditorProps) {
  const t = planMessages.useT();
  const [plan, setPlan] = useState<TFloorPlan>(() => clonePlan(initialPlan ?? DEFAULT_PLAN));
  const [tool, setTool] = useState<Tool>('select');
  const [snap, setSnap] = useState(true);
  const [zoom, setZoom] = useState(1);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [rectDraft, setRectDraft] = useState<[Pt, Pt] | null>(null);
  const [polyDraft, setPolyDraft] = useState<Pt[]>([]);
  const [cursor, setCursor] = useState<Pt | null>(null);
  const [uploading, setUploading] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);
  const dragRef = useRef<Drag | null>(null);

  const { widthM, heightM, gridM } = plan;
  const vb = useMemo(() => viewBoxOf(widthM, heightM), [widthM, heightM]);
  const roomById = useMemo(() => new Map(rooms.map((r) => [r.id, r])), [rooms]);
  const selected = plan.shapes.find((s) => s.id === selectedId) ?? null;
  /** Handle radius and label size, in metres. */
  const handleR = Math.max(0.08, Math.min(widthM, heightM) / 90) / Math.sqrt(zoom);
  const fontSize = clamp(Math.min(widthM, heightM) / 40, 0.2, 4);

  const snapV = (v: number) => snapValue(v, gridM, snap);
  const snapPt = (p: Pt): Pt => snapPoint(p, gridM, snap, widthM, heightM);
  const toPlan = (e: { clientX: number; clientY: number }): Pt | null =>
    svgRef.current ? clientToPlan(svgRef.current, e.clientX, e.clientY, vb) : null;

  const updateShape = (id: string, fn: (s: TPlanShape) => TPlanShape) =>
    setPlan((p) => ({ ...p, shapes: p.shapes.map((s) => (s.id === id ? fn(s) : s)) }));

  const addShape = (points: Pt[]) => {
    const id = newShapeId(plan.shapes);
    setPlan((p) => ({ ...p, shapes: [...p.shapes, { id, roomId: null, label: '', points }] }));
    setSelectedId(id);
  };

  const deleteShape = (id: string) => {
    setPlan((p) => ({ ...p, shapes: p.shapes.filter((s) => s.id !== id) }));
    setSelectedId((cur) => (cur === id ? null : cur));
  };

  const finishPolygon = (pts: Pt[]) => {
    const clean = cleanPolygon(pts, handleR * 0.5);
    if (!clean) return false;
    addShape(clean);
    setPolyDraft([]);
    return true;
  };

  const chooseTool = (next: Tool) => {
    setTool(next);
    setPolyDraft([]);
    setRectDraft(null);
    setCursor(null);
    dragRef.current = null;
  };

  const linkRoom = (shapeId: string, roomId: number | null) => {
    const room = roomId == null ? undefined : roomById.get(roomId);
    setPlan((p) => ({
      ...p,
      shapes: p.shapes.map((s) => {
        if (s.id === shapeId) return { ...s, roomId, label: s.label.trim() === '' && room ? room.number.slice(0, 40) : s.label };
        // A room is drawn once: linking it here unlinks it elsewhere.
        if (roomId != null && s.roomId === roomId) return { ...s, roomId: null };
        return s;
      }),
    }));
  };

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
      const b = bbox(d.orig);
      const [ox, oy] = d.orig[0];
      let dx = raw[0] - d.start[0];
      let dy = raw[1] - d.start[1];
      if (snap) {
        dx = snapV(ox + dx) - ox;
        dy = snapV(oy + dy) - oy;
      }
      dx = clamp(dx, Math.min(0, -b.minX), Math.max(0, widthM - b.maxX));
      dy = clamp(dy, Math.min(0, -b.minY), Math.max(0, heightM - b.maxY));
      updateShape(d.id, (s) => ({ ...s, points: d.orig.map((p) => [round3(p[0] + dx), round3(p[1] + dy)] as Pt) }));
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
  const endDragRef = useRef(endDrag);
  endDragRef.current = endDrag;
  useEffect(() => {
    const up = () => {
      if (dragRef.current) endDragRef.current();
    };
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

  const upload = async (file: File) => {
    if (!onUploadBackground) return;
    setUploading(true);
    try {
      const size = await readImageSize(file);
      const fileId = await onUploadBackground(file);
      setPlan((p) => {
        const fit = size ? clamp(Number((p.widthM / size.w).toPrecision(4)), 0.0001, 10) : 0.05;
        const prev = p.background;
        return {
          ...p,
          background: {
            fileId,
            x: prev?.x ?? 0,
            y: prev?.y ?? 0,
            metresPerPixel: prev?.metresPerPixel ?? fit,
            opacity: prev?.opacity ?? 0.5,
          },
        };
      });
    } catch (err) {
      message.error(err instanceof Error && err.message ? err.message : t('uploadFailed'));
    } finally {
      setUploading(false);
    }
  };

  const setBackground = (patch: Partial<Background>) =>
    setPlan((p) => (p.background ? { ...p, background: { ...p.background, ...patch } } : p));

  const save = () => {
    Promise.resolve(onSave(cleanPlan(plan))).catch((err: unknown) =>
      message.error(err instanceof Error && err.message ? err.message : t('saveFailed')),
    );
  };

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

  const linkedBy = useMemo(() => {
    const m = new Map<number, TPlanShape>();
    for (const s of plan.shapes) if (s.roomId != null) m.set(s.roomId, s);
    return m;
  }, [plan.shapes]);
  const unlinkedShapes = plan.shapes.filter((s) => s.roomId == null || !roomById.has(s.roomId));
  const roomsWithoutShape = rooms.filter((r) => !linkedBy.has(r.id));

  const roomOptions = useMemo(
    () =>
      rooms.map((r) => {
        const other = linkedBy.get(r.id);
        const mark = other && other.id !== selectedId ? ` (${t('roomLinked')}${other.label ? `: ${other.label}` : ''})` : '';
        return { value: r.id, label: roomOptionLabel(r) + mark };
      }),
    [rooms, linkedBy, selectedId, t],
  );

  const selectedRoom = selected?.roomId != null ? roomById.get(selected.roomId) : undefined;
  const drawnArea = selected ? polygonArea(selected.points) : 0;
  const mismatch = selectedRoom ? planAreaMismatch(drawnArea, selectedRoom.area) : false;
  const mismatchPct = selectedRoom && selectedRoom.area > 0 ? ((drawnArea - selectedRoom.area) / selectedRoom.area) * 100 : 0;

  const bg = plan.background;
  const zoomBy = (f: number) => setZoom((z) => clamp(Math.round(z * f * 100) / 100, ZOOM_MIN, ZOOM_MAX));

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
    <div data-testid="plan-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<Tool>
          value={tool}
          onChange={(v) => chooseTool(v)}
          options={[
            { value: 'select', label: <span data-testid="tool-select">{t('tool.select')}</span> },
            { value: 'rect', label: <span data-testid="tool-rect">{t('tool.rect')}</span> },
            { value: 'polygon', label: <span data-testid="tool-polygon">{t('tool.polygon')}</span> },
          ]}
        />
        <span>
          <Switch data-testid="snap-toggle" size="small" checked={snap} onChange={setSnap} /> {t('snap')}
        </span>
        <Space.Compact>
          <Tooltip title={t('zoomOut')}>
            <Button data-testid="zoom-out" aria-label={t('zoomOut')} onClick={() => zoomBy(1 / 1.25)} disabled={zoom <= ZOOM_MIN}>
              −
            </Button>
          </Tooltip>
          <Button data-testid="zoom-reset" onClick={() => setZoom(1)} title={t('zoomReset')}>
            {Math.round(zoom * 100)}%
          </Button>
          <Tooltip title={t('zoomIn')}>
            <Button data-testid="zoom-in" aria-label={t('zoomIn')} onClick={() => zoomBy(1.25)} disabled={zoom >= ZOOM_MAX}>
              +
            </Button>
          </Tooltip>
        </Space.Compact>
        <Space.Compact>
          <InputNumber
            data-testid="plan-width"
            prefix={t('width')}
            min={1}
            max={1000}
            step={1}
            value={widthM}
            onChange={(v) => typeof v === 'number' && v > 0 && setPlan((p) => ({ ...p, widthM: v }))}
            style={{ width: 150 }}
          />
          <InputNumber
            data-testid="plan-height"
            prefix={t('height')}
            min={1}
            max={1000}
            step={1}
            value={heightM}
            onChange={(v) => typeof v === 'number' && v > 0 && setPlan((p) => ({ ...p, heightM: v }))}
            style={{ width: 150 }}
          />
          <InputNumber
            data-testid="plan-grid"
            prefix={t('grid')}
            min={0.1}
            max={10}
            step={0.1}
            value={gridM}
            onChange={(v) => typeof v === 'number' && v > 0 && setPlan((p) => ({ ...p, gridM: v }))}
            style={{ width: 150 }}
          />
        </Space.Compact>
        <Button type="primary" data-testid="plan-save" loading={saving} onClick={save}>
          {t('save')}
        </Button>
      </Space>
      {(onUploadBackground || bg) && (
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('background')}:</span>
          {onUploadBackground && (
            <Upload
              accept="image/*"
              showUploadList={false}
              customRequest={({ file, onSuccess }) => {
                void upload(file as File).then(() => onSuccess?.(null));
              }}
            >
              <Button data-testid="bg-upload" loading={uploading}>
                {bg ? t('replaceBackground') : t('uploadBackground')}
              </Button>
            </Upload>
          )}
          {bg && (
            <>
              <InputNumber
                data-testid="bg-mpp"
                prefix={t('mpp')}
                min={0.0001}
                max={10}
                step={0.001}
                value={bg.metresPerPixel}
                onChange={(v) => typeof v === 'number' && v > 0 && setBackground({ metresPerPixel: v })}
                style={{ width: 230 }}
              />
              <InputNumber
                data-testid="bg-opacity"
                prefix={t('opacity')}
                min={0}
                max={1}
                step={0.1}
                value={bg.opacity ?? 0.5}
                onChange={(v) => typeof v === 'number' && setBackground({ opacity: clamp(v, 0, 1) })}
                style={{ width: 150 }}
              />
              <InputNumber
                data-testid="bg-x"
                prefix={t('offsetX')}
                step={0.5}
                value={bg.x}
                onChange={(v) => typeof v === 'number' && setBackground({ x: v })}
                style={{ width: 160 }}
              />
              <InputNumber
                data-testid="bg-y"
                prefix={t('offsetY')}
                step={0.5}
                value={bg.y}
                onChange={(v) => typeof v === 'number' && setBackground({ y: v })}
                style={{ width: 160 }}
              />
              <Button data-testid="bg-remove" onClick={() => setPlan((p) => ({ ...p, background: null }))}>
                {t('removeBackground')}
              </Button>
            </>
          )}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {t(`hint.${tool}`)}
      </Typography.Text>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div
          style={{ flex: '1 1 480px', minWidth: 0, overflow: 'auto', maxHeight: '75vh', border: '1px solid #d9d9d9', background: '#fff' }}
        >
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
        <div style={{ flex: '0 0 300px', maxWidth: '100%' }}>
          <div data-testid="shape-panel" style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: 12, marginBottom: 12 }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('shape')}
            </Typography.Title>
            {selected ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>
                  <div>{t('label')}</div>
                  <Input
                    data-testid="shape-label"
                    maxLength={40}
                    value={selected.label}
                    onChange={(e) => updateShape(selected.id, (s) => ({ ...s, label: e.target.value }))}
                  />
                </div>
                <div>
                  <div>{t('room')}</div>
                  <Select<number>
                    data-testid="shape-room-select"
                    style={{ width: '100%' }}
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('roomPlaceholder')}
                    value={selected.roomId ?? undefined}
                    options={roomOptions}
                    onChange={(v) => linkRoom(selected.id, v ?? null)}
                  />
                </div>
                <div>
                  {t('drawnArea')}: <strong data-testid="shape-area">{drawnArea.toFixed(2)}</strong> ㎡
                </div>
                {selectedRoom && (
                  <div>
                    {t('registeredArea')}: <strong data-testid="shape-registered-area">{selectedRoom.area.toFixed(2)}</strong> ㎡
                  </div>
                )}
                {mismatch && (
                  <Alert
                    data-testid="shape-area-warning"
                    type="warning"
                    showIcon
                    title={t('areaWarning', { pct: `${mismatchPct > 0 ? '+' : ''}${mismatchPct.toFixed(1)}` })}
                  />
                )}
                <Button danger data-testid="shape-delete" onClick={() => deleteShape(selected.id)}>
                  {t('delete')}
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('noSelection')}</Typography.Text>
            )}
          </div>
          <div data-testid="plan-unlinked-shapes" style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {t('unlinkedShapes')} ({unlinkedShapes.length})
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              {unlinkedShapes.length === 0 && <Typography.Text type="secondary">{t('none')}</Typography.Text>}
              {unlinkedShapes.map((s) => (
                <Tag
                  key={s.id}
                  color="orange"
                  style={{ cursor: 'pointer', marginBottom: 4 }}
                  onClick={() => {
                    chooseTool('select');
                    setSelectedId(s.id);
                  }}
                >
                  {s.label || t('unnamed')} · {polygonArea(s.points).toFixed(2)} ㎡
                </Tag>
              ))}
            </div>
          </div>
          <div data-testid="plan-rooms-without-shape">
            <Typography.Text strong>
              {t('roomsWithoutShape')} ({roomsWithoutShape.length})
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              {roomsWithoutShape.length === 0 && <Typography.Text type="secondary">{t('none')}</Typography.Text>}
              {roomsWithoutShape.map((r) => (
                <Tag key={r.id} style={{ marginBottom: 4 }}>
                  {roomOptionLabel(r)}
                </Tag>
              ))}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

// ---------- viewer ----------
export type FloorPlanViewerProps = {
  plan: TFloorPlan;
  rooms: TFloorDetail['roomList'];
  colourBy: 'useClass' | 'compliance';
  backgroundUrl?: (fileId: string) => string;
  onRoomClick?: (roomId: number) => void;
};

function complianceKey(room: Room): ComplianceKey {
  if (room.overStandard) return 'over';
  if (room.status === 'idle') return 'idle';
  if (room.status === 'rented_out' || room.status === 'lent_out') return 'lent';
  return 'ok';
}

function fillOf(room: Room | undefined, colourBy: FloorPlanViewerProps['colourBy']): string {
  if (!room) return UNLINKED_FILL;
  return colourBy === 'useClass' ? USE_CLASS_COLOURS[room.useClass] : COMPLIANCE_COLOURS[complianceKey(room)];
}

const PRINT_CSS =
  '.plan-viewer-svg,.plan-legend-swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}@media print{.plan-tooltip{display:none!important}.plan-viewer-svg{cursor:default!important}}';

/** A read-only floor plan coloured by use class or compliance; hover shows the room, click reports it. */
export function FloorPlanViewer({ plan, rooms, colourBy, backgroundUrl, onRoomClick }: FloorPlanViewerProps) {
  const t = planMessages.useT();
  const [hover, setHover] = useState<{ id: string; x: number; y: number } | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const roomById = useMemo(() => new Map(rooms.map((r) => [r.id, r])), [rooms]);
  const vb = useMemo(() => viewBoxOf(plan.widthM, plan.heightM), [plan.widthM, plan.heightM]);
  const baseFont = clamp(Math.min(plan.widthM, plan.heightM) / 45, 0.2, 3);
  const clickable = !!onRoomClick;

  // Memoised: hovering re-renders only the outline and the tooltip, never the shapes.
  const layer = useMemo(
    () =>
      plan.shapes.map((s) => {
        const room = s.roomId != null ? roomById.get(s.roomId) : undefined;
        const [cx, cy] = centroid(s.points);
        const b = bbox(s.points);
        const title = room?.number ?? s.label;
        const areaText = room ? `${room.area.toFixed(2)}㎡` : '';
        const chars = Math.max(title.length, areaText.length, 1);
        const fs = Math.max(0.1, Math.min(baseFont, (b.maxX - b.minX) / (chars * 0.62), (b.maxY - b.minY) / 2.6));
        return (
          <g key={s.id}>
            <polygon
              data-testid={`viewer-shape-${s.id}`}
              data-shape-id={s.id}
              data-room-id={room?.id}
              points={pointsAttr(s.points)}
              fill={fillOf(room, colourBy)}
              stroke="#000"
              strokeWidth={room ? 1 : 0.75}
              strokeDasharray={room ? undefined : '4 3'}
              vectorEffect="non-scaling-stroke"
              style={room && clickable ? { cursor: 'pointer' } : undefined}
            />
            {title && (
              <text x={cx} y={cy} fontSize={fs} textAnchor="middle" pointerEvents="none" fill="#000">
                <tspan x={cx} dy={areaText ? -fs * 0.15 : fs * 0.35}>
                  {title}
                </tspan>
                {areaText && (
                  <tspan x={cx} dy={fs * 1.1} fontSize={fs * 0.8}>
                    {areaText}
                  </tspan>
                )}
              </text>
            )}
          </g>
        );
      }),
    [plan.shapes, roomById, colourBy, baseFont, clickable],
  );

  const legend = useMemo(() => {
    const linkedRooms = plan.shapes.map((s) => (s.roomId != null ? roomById.get(s.roomId) : undefined));
    const unlinked = linkedRooms.filter((r) => !r).length;
    const items: { key: string; colour: string; label: string; count: number }[] =
      colourBy === 'useClass'
        ? (Object.keys(USE_CLASS_COLOURS) as Room['useClass'][]).map((k) => ({
            key: k,
            colour: USE_CLASS_COLOURS[k],
            label: t(`useClass.${k}`),
            count: linkedRooms.filter((r) => r?.useClass === k).length,
          }))
        : (Object.keys(COMPLIANCE_COLOURS) as ComplianceKey[]).map((k) => ({
            key: k,
            colour: COMPLIANCE_COLOURS[k],
            label: t(`compliance.${k}`),
            count: linkedRooms.filter((r) => r && complianceKey(r) === k).length,
          }));
    if (unlinked) items.push({ key: 'unlinked', colour: UNLINKED_FILL, label: t('unlinked'), count: unlinked });
    return items;
  }, [plan.shapes, roomById, colourBy, t]);

  const shapeIdAt = (target: EventTarget) =>
    target instanceof Element ? target.closest('[data-shape-id]')?.getAttribute('data-shape-id') : null;

  const onMouseMove = (e: ReactMouseEvent<SVGSVGElement>) => {
    const id = shapeIdAt(e.target);
    if (!id) {
      if (hover) setHover(null);
      return;
    }
    const r = wrapRef.current?.getBoundingClientRect();
    setHover({ id, x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) });
  };

  const onClick = (e: ReactMouseEvent<SVGSVGElement>) => {
    if (!onRoomClick || !(e.target instanceof Element)) return;
    const v = e.target.closest('[data-room-id]')?.getAttribute('data-room-id');
    if (v) onRoomClick(Number(v));
  };

  const onKeyDown = (e: ReactKeyboardEvent<SVGSVGElement>) => {
    if (e.key === 'Escape') setHover(null);
  };

  const hoverShape = hover ? plan.shapes.find((s) => s.id === hover.id) : undefined;
  const hoverRoom = hoverShape?.roomId != null ? roomById.get(hoverShape.roomId) : undefined;
  const wrapWidth = wrapRef.current?.clientWidth ?? 0;
  const flip = hover && wrapWidth > 0 && hover.x > wrapWidth - 240;

  if (plan.shapes.length === 0 && !plan.background) {
    return (
      <div>
        <Empty description={t('empty')} />
      </div>
    );
  }

  return (
    <div>
      <style>{PRINT_CSS}</style>
      <div ref={wrapRef} style={{ position: 'relative' }}>
        <svg
          data-testid="plan-viewer"
          className="plan-viewer-svg"
          viewBox={vb.join(' ')}
          style={{ width: '100%', display: 'block', background: '#fff' }}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHover(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          <title>{t('svgTitle')}</title>
          <BackgroundImage background={plan.background} backgroundUrl={backgroundUrl} />
          <rect
            x={0}
            y={0}
            width={plan.widthM}
            height={plan.heightM}
            fill="none"
            stroke="#000"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
            pointerEvents="none"
          />
          {layer}
          {hoverShape && (
            <polygon
              points={pointsAttr(hoverShape.points)}
              fill="#000"
              fillOpacity={0.08}
              stroke="#000"
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
              pointerEvents="none"
              className="plan-tooltip"
            />
          )}
        </svg>
        {hover && hoverShape && (
          <div
            data-testid="plan-tooltip"
            className="plan-tooltip"
            style={{
              position: 'absolute',
              left: flip ? undefined : hover.x + 12,
              right: flip ? wrapWidth - hover.x + 12 : undefined,
              top: hover.y + 12,
              pointerEvents: 'none',
              background: 'rgba(255,255,255,0.97)',
              border: '1px solid #d9d9d9',
              borderRadius: 4,
              boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
              padding: '6px 10px',
              fontSize: 12,
              lineHeight: 1.6,
              maxWidth: 260,
              zIndex: 10,
            }}
          >
            {hoverRoom ? (
              <>
                <div style={{ fontWeight: 600 }}>{hoverRoom.number}</div>
                <div>
                  {t('tip.area')}: {hoverRoom.area.toFixed(2)} ㎡
                </div>
                {hoverRoom.orgName && (
                  <div>
                    {t('tip.org')}: {hoverRoom.orgName}
                  </div>
                )}
                {hoverRoom.occupants.length > 0 && (
                  <div>
                    {t('tip.occupants')}: {hoverRoom.occupants.map((o) => o.name).join('、')}
                  </div>
                )}
              </>
            ) : (
              <>
                <div style={{ fontWeight: 600 }}>{hoverShape.label || t('unnamed')}</div>
                <div>{t('unlinked')}</div>
                <div>
                  {t('tip.area')}: {polygonArea(hoverShape.points).toFixed(2)} ㎡
                </div>
              </>
            )}
          </div>
        )}
      </div>
      <div data-testid="plan-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginTop: 8, fontSize: 12 }}>
        {legend.map((item) => (
          <span key={item.key} data-testid={`legend-${item.key}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span
              className="plan-legend-swatch"
              style={{
                display: 'inline-block',
                width: 14,
                height: 14,
                background: item.colour,
                border: `1px ${item.key === 'unlinked' ? 'dashed' : 'solid'} #000`,
              }}
            />
            {item.label} ({item.count})
          </span>
        ))}
        <span style={{ color: '#888' }}>{t('shapes', { n: plan.shapes.length })}</span>
      </div>
    </div>
  );
}
