/** Status colours by DEVICE_STATUSES index: online, offline, fault, maintenance. Shared by canvas and legend. */
export const STATUS_COLORS = ['#22c55e', '#8190a5', '#ef4444', '#f59e0b'] as const;
/** Same colours, translucent, for camera field-of-view wedges. */
export const WEDGE_FILL = [
  'rgba(34,197,94,0.16)',
  'rgba(129,144,165,0.14)',
  'rgba(239,68,68,0.2)',
  'rgba(245,158,11,0.18)',
] as const;
export const WEDGE_STROKE = [
  'rgba(34,197,94,0.55)',
  'rgba(129,144,165,0.45)',
  'rgba(239,68,68,0.65)',
  'rgba(245,158,11,0.6)',
] as const;
export const SELECTION_COLOR = '#38bdf8';
export const SITE_HIGHLIGHT_COLOR = '#fbbf24';
/** Station jurisdiction outlines, one hue per station number (1-8), repeating beyond. */
export const STATION_COLORS = [
  '#60a5fa',
  '#a78bfa',
  '#34d399',
  '#f472b6',
  '#fbbf24',
  '#22d3ee',
  '#fb923c',
  '#a3e635',
];
/** Cluster disc fill by worst status: deep tones so a district full of clusters does not shout. */
export const CLUSTER_FILL = ['#14532d', '#334155', '#7f1d1d', '#78350f'] as const;
