import { TourBuilder } from './tour/TourBuilder';
import { TourList } from './tour/TourList';
import { WallSearch } from './WallSearch';

/** Beside the wall: find cameras to show, and build, keep and start tours. */
export function WallSidebar() {
  return (
    <aside className="wall-sidebar" data-testid="wall-sidebar">
      <WallSearch />
      <TourBuilder />
      <TourList />
    </aside>
  );
}
