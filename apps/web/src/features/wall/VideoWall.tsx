import { useEffect, useRef, useState } from 'react';
import { gridOf } from './grid/layout';
import { useView } from './grid/viewStore';
import { WallTile } from './grid/WallTile';
import { useWall } from './grid/wallStore';
import { useWallHooks } from './instrumentation';
import { startWallAudit } from './patrol/wallAudit';
import { TourBanner } from './tour/TourBanner';
import { useTour } from './tour/tourStore';
import { WallSidebar } from './WallSidebar';
import { WallToolbar } from './WallToolbar';

startWallAudit(useWall, useTour);

/**
 * The video wall: toolbar, tour banner, an optional side panel (search and tours) and the tiles.
 * A focused tile replaces the grid (the other tiles unmount, so their players and pulls end).
 */
export function VideoWall() {
  const ref = useRef<HTMLElement>(null);
  const layout = useWall((s) => s.layout);
  const focus = useWall((s) => s.focus);
  const view = useView((s) => s.view);
  // The side panel fits the full wall; beside the map the tiles need the room.
  const [sidebar, setSidebar] = useState(view === 'wall');
  useEffect(() => setSidebar(view === 'wall'), [view]);
  useWallHooks();

  const indices = focus !== null ? [focus] : Array.from({ length: layout }, (_, i) => i);
  const { cols, rows } = focus !== null ? { cols: 1, rows: 1 } : gridOf(layout);
  return (
    <section ref={ref} className="wall" data-testid="wall" data-layout={layout} data-focus={focus ?? ''}>
      <WallToolbar wallRef={ref} sidebar={sidebar} onSidebar={() => setSidebar((v) => !v)} />
      <TourBanner />
      <div className="wall-body">
        {sidebar && <WallSidebar />}
        <div
          className="wall-grid"
          style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${rows}, 1fr)` }}
        >
          {indices.map((i) => (
            <WallTile key={i} index={i} />
          ))}
        </div>
      </div>
    </section>
  );
}
