import { message } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { TFloorDetail, TFloorPlan, TPlanShape } from '../../../contracts/modules/office-space';
import {
  type Pt,
  clamp,
  cleanPlan,
  cleanPolygon,
  clonePlan,
  fitMetresPerPixel,
  handleRadius,
  snapPoint,
  zoomStep,
} from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import { type Background, readImageSize } from './floorplan-svg';

export type Tool = 'select' | 'rect' | 'polygon';
export type Drag =
  | { kind: 'move'; id: string; start: Pt; orig: Pt[] }
  | { kind: 'vertex'; id: string; index: number }
  | { kind: 'rect'; start: Pt };

const DEFAULT_PLAN: TFloorPlan = { widthM: 60, heightM: 25, gridM: 0.5, shapes: [] };

let idCounter = 0;
function newShapeId(existing: readonly TPlanShape[]): string {
  const taken = new Set(existing.map((s) => s.id));
  for (;;) {
    const uuid = typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID().slice(0, 8) : null;
    const id = uuid ?? `s${Date.now().toString(36)}${(idCounter++).toString(36)}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The floor-plan editor's state and its edits: the plan being drawn, the tool, snapping and zoom,
 * the selection and the drafts of the shape being drawn. The canvas, the toolbar and the shape
 * panel read and change it; the initial `plan` is read once.
 */
export function useFloorPlanEditor({
  plan: initialPlan,
  rooms,
  onUploadBackground,
  onSave,
}: {
  plan: TFloorPlan | null;
  rooms: TFloorDetail['roomList'];
  onUploadBackground?: (file: File) => Promise<string>;
  onSave: (plan: TFloorPlan) => void | Promise<void>;
}) {
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
  const dragRef = useRef<Drag | null>(null);

  const { widthM, heightM, gridM } = plan;
  const roomById = useMemo(() => new Map(rooms.map((r) => [r.id, r])), [rooms]);
  const selected = plan.shapes.find((s) => s.id === selectedId) ?? null;
  /** Handle radius and label size, in metres. */
  const handleR = handleRadius(widthM, heightM, zoom);
  const fontSize = clamp(Math.min(widthM, heightM) / 40, 0.2, 4);

  const snapPt = (p: Pt): Pt => snapPoint(p, gridM, snap, widthM, heightM);

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

  const upload = async (file: File) => {
    if (!onUploadBackground) return;
    setUploading(true);
    try {
      const size = await readImageSize(file);
      const fileId = await onUploadBackground(file);
      setPlan((p) => {
        const fit = fitMetresPerPixel(p.widthM, size?.w);
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

  const zoomBy = (f: number) => setZoom((z) => zoomStep(z, f));

  return {
    plan,
    setPlan,
    rooms,
    roomById,
    tool,
    chooseTool,
    snap,
    setSnap,
    zoom,
    setZoom,
    zoomBy,
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
    handleR,
    fontSize,
    snapPt,
    updateShape,
    addShape,
    deleteShape,
    finishPolygon,
    linkRoom,
    uploading,
    upload,
    setBackground,
    save,
  };
}

export type FloorPlanEditorState = ReturnType<typeof useFloorPlanEditor>;
