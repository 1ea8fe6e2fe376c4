import { type PointerEvent, type RefObject, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SPLIT_MAX, SPLIT_MIN, useView } from '../features/wall/grid/viewStore';

/** The bar between map and wall: drag it (or use the arrow keys) to share the width. */
export function SplitHandle({ container }: { container: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const split = useView((s) => s.split);
  const setSplit = useView((s) => s.setSplit);
  const dragging = useRef(false);

  const move = (e: PointerEvent) => {
    const box = container.current?.getBoundingClientRect();
    if (!dragging.current || !box || box.width === 0) return;
    setSplit((e.clientX - box.left) / box.width);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable, focusable splitter; <hr> cannot take pointer capture sensibly
    <div
      className="split-handle"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={t('view.resize')}
      aria-valuemin={SPLIT_MIN * 100}
      aria-valuemax={SPLIT_MAX * 100}
      aria-valuenow={Math.round(split * 100)}
      data-testid="split-handle"
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={move}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') setSplit(split - 0.05);
        if (e.key === 'ArrowRight') setSplit(split + 0.05);
      }}
    />
  );
}
