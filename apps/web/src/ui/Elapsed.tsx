import { since } from './time';
import { useNow } from './useNow';

/** Time since an instant, ticking once a second (only this span re-renders). */
export function Elapsed({ from, className }: { from: string | null | undefined; className?: string }) {
  const now = useNow();
  return <span className={className}>{since(from, now)}</span>;
}
