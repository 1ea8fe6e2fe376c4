// Small inline icons: the CJK system fonts on duty PCs lack many symbol glyphs (⌖ showed as a box).

/** Crosshair: "show on the map". */
export function LocateIcon() {
  return (
    <svg className="ops-icon" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 0.5v4M8 11.5v4M0.5 8h4M11.5 8h4" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** Flag: "report what this camera shows". */
export function FlagIcon() {
  return (
    <svg className="ops-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3 15V1.5M3 2h9l-2 3.5 2 3.5H3" fill="currentColor" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
