import { HttpError, NotFoundError } from '../errors.js';

/** The concurrent stream cap is reached; the message names the cap so the operator knows why. */
export class StreamCapError extends HttpError {
  override name = 'StreamCapError';
  constructor(readonly maxStreams: number) {
    super(
      503,
      `the live video limit of ${maxStreams} concurrent streams (MEDIA_MAX_STREAMS) is reached; close a video tile and try again`,
      { rule: 'maxStreams' },
    );
  }
}

/** A camera's registered URL failed the allow-list, so it never reaches ffmpeg. */
export class CameraUrlRefusedError extends HttpError {
  override name = 'CameraUrlRefusedError';
  constructor(cameraId: string, why: string) {
    super(422, `the stream URL of camera ${cameraId} is refused: ${why}`, { rule: 'rtsp-allow-list' });
  }
}

/** A camera ID or stream name that does not match its pattern. */
export class InvalidStreamError extends HttpError {
  override name = 'InvalidStreamError';
  constructor(field: string, rule: string) {
    super(400, `${field} must match ${rule}`, { field, rule });
  }
}

export class UnknownCameraError extends NotFoundError {
  override name = 'UnknownCameraError';
  constructor(cameraId: string) {
    super(`camera ${cameraId}`);
  }
}

/** ensureStream after close(). */
export class MediaClosedError extends HttpError {
  override name = 'MediaClosedError';
  constructor() {
    super(503, 'live video is shutting down');
  }
}
