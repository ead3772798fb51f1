import { Alert, Button, Input, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { TPlanShape } from '../../../contracts/modules/office-space';
import { areaDiffPct, planAreaMismatch, polygonArea } from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import type { Room } from './floorplan-svg';
import type { FloorPlanEditorState } from './useFloorPlanEditor';

function roomOptionLabel(room: Room) {
  return `${room.number} · ${room.area} ㎡`;
}

/**
 * The editor's side panel: the selected shape's label, room and areas (with the drawn-vs-registered
 * warning), then the shapes not linked to a room and the rooms not drawn yet.
 */
export function FloorPlanShapePanel({ ed }: { ed: FloorPlanEditorState }) {
  const t = planMessages.useT();
  const { plan, rooms, roomById, selectedId, setSelectedId, selected, updateShape, deleteShape, linkRoom, chooseTool } = ed;
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
        const mark =
          other && other.id !== selectedId ? ` (${other.label ? t('roomLinkedAs', { label: other.label }) : t('roomLinked')})` : '';
        return { value: r.id, label: roomOptionLabel(r) + mark };
      }),
    [rooms, linkedBy, selectedId, t],
  );

  const selectedRoom = selected?.roomId != null ? roomById.get(selected.roomId) : undefined;
  const drawnArea = selected ? polygonArea(selected.points) : 0;
  const mismatch = selectedRoom ? planAreaMismatch(drawnArea, selectedRoom.area) : false;
  const mismatchPct = selectedRoom ? areaDiffPct(drawnArea, selectedRoom.area) : 0;

  return (
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
  );
}
