import type { DragEvent } from 'react';

/** Drag payloads: a camera (from search, the panel, a tour list) or a wall tile being moved. */
export const CAMERA_MIME = 'application/x-onpatrol-camera';
export const TILE_MIME = 'application/x-onpatrol-tile';
const CAMERA_ID = /^[0-9]{20}$/;

/** Start dragging a camera; text/plain too, so a drop from a test or another app works. */
export function dragCamera(e: DragEvent, cameraId: string): void {
  e.dataTransfer.setData(CAMERA_MIME, cameraId);
  e.dataTransfer.setData('text/plain', cameraId);
  e.dataTransfer.effectAllowed = 'copyMove';
}

export function dragTile(e: DragEvent, index: number, cameraId: string): void {
  dragCamera(e, cameraId);
  e.dataTransfer.setData(TILE_MIME, String(index));
}

/** Whether a drag may be dropped on a tile (during dragover only the types are readable). */
export function acceptsDrop(e: DragEvent): boolean {
  const types = e.dataTransfer.types;
  return types.includes(CAMERA_MIME) || types.includes(TILE_MIME) || types.includes('text/plain');
}

/** What was dropped: a tile to swap with, or a camera ID (anything else is ignored). */
export function dropped(e: DragEvent): { tile: number } | { cameraId: string } | null {
  const tile = e.dataTransfer.getData(TILE_MIME);
  if (tile !== '' && Number.isInteger(Number(tile))) return { tile: Number(tile) };
  const id = (e.dataTransfer.getData(CAMERA_MIME) || e.dataTransfer.getData('text/plain')).trim();
  return CAMERA_ID.test(id) ? { cameraId: id } : null;
}
