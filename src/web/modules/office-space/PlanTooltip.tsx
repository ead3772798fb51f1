import type { TPlanShape } from '../../../contracts/modules/office-space';
import { polygonArea } from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import type { Room } from './floorplan-svg';

/**
 * The viewer's hover card at (x, y) in the drawing's box: the room's number, area, unit and
 * occupants, or the shape's label when it is linked to no room. `flip` puts it left of the
 * pointer near the right edge. Hidden when printing (class plan-tooltip).
 */
export function PlanTooltip({
  x,
  y,
  flip,
  wrapWidth,
  shape,
  room,
}: {
  x: number;
  y: number;
  flip: boolean;
  wrapWidth: number;
  shape: TPlanShape;
  room: Room | undefined;
}) {
  const t = planMessages.useT();
  return (
    <div
      data-testid="plan-tooltip"
      className="plan-tooltip"
      style={{
        position: 'absolute',
        left: flip ? undefined : x + 12,
        right: flip ? wrapWidth - x + 12 : undefined,
        top: y + 12,
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
      {room ? (
        <>
          <div style={{ fontWeight: 600 }}>{room.number}</div>
          <div>
            {t('tip.area')}: {room.area.toFixed(2)} ㎡
          </div>
          {room.orgName && (
            <div>
              {t('tip.org')}: {room.orgName}
            </div>
          )}
          {room.occupants.length > 0 && (
            <div>
              {t('tip.occupants')}: {room.occupants.map((o) => o.name).join(t('listSep'))}
            </div>
          )}
        </>
      ) : (
        <>
          <div style={{ fontWeight: 600 }}>{shape.label || t('unnamed')}</div>
          <div>{t('unlinked')}</div>
          <div>
            {t('tip.area')}: {polygonArea(shape.points).toFixed(2)} ㎡
          </div>
        </>
      )}
    </div>
  );
}
