import { useEffect, useState } from 'react';
import type { TFloorDetail, TFloorPlan } from '../../../contracts/modules/office-space';
import { type Pt, boxToPlan } from './floorplan-geometry';

/** What the floor-plan editor and viewer share that needs the DOM: mapping the mouse into the plan and the scanned background. */
export type Room = TFloorDetail['roomList'][number];
export type Background = NonNullable<TFloorPlan['background']>;

/** A page (client) position to plan metres, through the SVG's screen transform. */
export function clientToPlan(svg: SVGSVGElement, clientX: number, clientY: number, vb: [number, number, number, number]): Pt | null {
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
  return boxToPlan(clientX, clientY, svg.getBoundingClientRect(), vb);
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

export function readImageSize(file: File): Promise<{ w: number; h: number } | null> {
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

export function BackgroundImage({
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
