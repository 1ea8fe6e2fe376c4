import { ORDER_TASKS, OUTCOMES, type Outcome, type TimelineEntry } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { clockTime } from '../../ui/time';

const KNOWN = new Set([
  'alarm_raised',
  'escalated',
  'reported',
  'dispatched',
  'order_accepted',
  'order_en_route',
  'order_on_scene',
  'order_done',
]);

/** Who did what when: the incident's log, oldest first. */
export function IncidentTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  // The gateway writes task and outcome codes into its notes ("intercept: YH01-1", "YH01-1 clue_found"): word them.
  const note = (action: string, text: string) => {
    if (action === 'dispatched') {
      return text.replace(/^([a-z_]+):/, (m, k: string) =>
        (ORDER_TASKS as readonly string[]).includes(k) ? `${t(`ops.task.${k as 'check'}`)}:` : m,
      );
    }
    if (action === 'order_done') {
      return text.replace(/^(\S+) ([a-z_]+)/, (m, unit: string, k: string) =>
        (OUTCOMES as readonly string[]).includes(k) ? `${unit} ${t(`ops.outcome.${k as Outcome}`)}` : m,
      );
    }
    return text;
  };
  const label = (action: string) =>
    KNOWN.has(action) ? t(`ops.timeline.${action as 'reported'}`) : action.replaceAll('_', ' ');
  return (
    <ol className="timeline" data-testid="incident-timeline" data-count={entries.length}>
      {entries.map((e, i) => (
        // entries are append-only, so the index is a stable key
        <li key={i} className="timeline-entry" data-action={e.action}>
          <time dateTime={e.at}>{clockTime(e.at)}</time>
          <span className="timeline-action">{label(e.action)}</span>
          {e.actor && <span className="timeline-actor">{e.actor}</span>}
          {e.note && <span className="timeline-note">{note(e.action, e.note)}</span>}
        </li>
      ))}
    </ol>
  );
}
