import { Button, InputNumber, Segmented, Space, Switch, Tooltip, Typography, Upload } from 'antd';
import { ZOOM_MAX, ZOOM_MIN, clamp } from './floorplan-geometry';
import { planMessages } from './floorplan.i18n';
import type { FloorPlanEditorState, Tool } from './useFloorPlanEditor';

/**
 * The editor's toolbar: the drawing tool, snapping, zoom, the plan's size and grid, saving, the
 * scanned background's upload and placement, and the current tool's hint.
 */
export function FloorPlanToolbar({ ed, saving, canUpload }: { ed: FloorPlanEditorState; saving?: boolean; canUpload: boolean }) {
  const t = planMessages.useT();
  const { plan, setPlan, tool, chooseTool, snap, setSnap, zoom, setZoom, zoomBy, uploading, upload, setBackground, save } = ed;
  const { widthM, heightM, gridM } = plan;
  const bg = plan.background;
  return (
    <>
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
      {(canUpload || bg) && (
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('background')}:</span>
          {canUpload && (
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
    </>
  );
}
