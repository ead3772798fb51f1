import type { TFloorDetail, TFloorPlan } from '../../../contracts/modules/office-space';
import { FloorPlanCanvas } from './FloorPlanCanvas';
import { FloorPlanShapePanel } from './FloorPlanShapePanel';
import { FloorPlanToolbar } from './FloorPlanToolbar';
import { useFloorPlanEditor } from './useFloorPlanEditor';

export { FloorPlanViewer, type FloorPlanViewerProps } from './FloorPlanViewer';

/**
 * Floor plans (楼层平面图): an SVG editor to trace rooms over an optional scanned plan and link each
 * shape to a room record, and a read-only viewer coloured by use class or by compliance.
 * All coordinates are metres from the plan's top-left corner; the SVG viewBox is in metres too,
 * so the drawing scales to the width of its container.
 *
 * The editor is put together here: its state (useFloorPlanEditor), the toolbar, the drawing
 * (FloorPlanCanvas) and the shape panel; the geometry is pure (floorplan-geometry.ts, unit-tested).
 */
export type FloorPlanEditorProps = {
  plan: TFloorPlan | null;
  rooms: TFloorDetail['roomList'];
  backgroundUrl?: (fileId: string) => string;
  onUploadBackground?: (file: File) => Promise<string>;
  onSave: (plan: TFloorPlan) => void | Promise<void>;
  saving?: boolean;
};

/**
 * Draws room shapes over the floor and links each to a room record. The initial `plan` is read once:
 * remount the editor (a `key`) to load another plan.
 */
export function FloorPlanEditor({ plan, rooms, backgroundUrl, onUploadBackground, onSave, saving }: FloorPlanEditorProps) {
  const ed = useFloorPlanEditor({ plan, rooms, onUploadBackground, onSave });
  return (
    <div data-testid="plan-editor">
      <FloorPlanToolbar ed={ed} saving={saving} canUpload={!!onUploadBackground} />
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <FloorPlanCanvas ed={ed} backgroundUrl={backgroundUrl} />
        <FloorPlanShapePanel ed={ed} />
      </div>
    </div>
  );
}
