import { Empty } from 'antd';
import { type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, useMemo, useRef, useState } from 'react';
import type { TFloorDetail, TFloorPlan } from '../../../contracts/modules/office-space';
import { centroid, clamp, labelFontSize, pointsAttr, viewBoxOf } from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import { BackgroundImage, type Room } from './floorplan-svg';
import { PlanTooltip } from './PlanTooltip';

const USE_CLASS_COLOURS: Record<Room['useClass'], string> = {
  office: '#64b5f6',
  service: '#81c784',
  equipment: '#ffb74d',
  auxiliary: '#ba68c8',
};
const COMPLIANCE_COLOURS = { over: '#e53935', idle: '#bdbdbd', lent: '#8e24aa', ok: '#66bb6a' } as const;
type ComplianceKey = keyof typeof COMPLIANCE_COLOURS;
const UNLINKED_FILL = '#ffffff';

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
        const title = room?.number ?? s.label;
        const areaText = room ? `${room.area.toFixed(2)}㎡` : '';
        const fs = labelFontSize(s.points, baseFont, Math.max(title.length, areaText.length, 1));
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
          <PlanTooltip x={hover.x} y={hover.y} flip={!!flip} wrapWidth={wrapWidth} shape={hoverShape} room={hoverRoom} />
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
