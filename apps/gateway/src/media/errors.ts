import { HttpError, NotFoundError } from '../errors.js';

/** The concurrent stream cap is reached; the message names the cap so the operator knows why. */
export class StreamCapError extends HttpError {
  override name = 'StreamCapError';
  constructor(readonly maxStreams: number) {
    super(
      503,
      `the live video limit of ${maxStreams} concurrent streams (MEDIA_MAX_STREAMS) is reached; close a video tile and try again`,
      { rule: 'maxStreams', limit: maxStreams },
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

/** The user already holds as many streams as their role may (MEDIA_USER_STREAMS). */
export class StreamQuotaError extends HttpError {
  override name = 'StreamQuotaError';
  constructor(
    readonly role: string,
    readonly limit: number,
  ) {
    super(
      429,
      `you already have ${limit} live streams open, the most a ${role} may hold at once (MEDIA_USER_STREAMS); close a video tile and try again`,
      { rule: 'stream-quota', limit },
    );
  }
}

/** Every stream of the pool outside the command centre's reserve is taken (MEDIA_COMMAND_RESERVE). */
export class StreamReserveError extends HttpError {
  override name = 'StreamReserveError';
  constructor(maxStreams: number, reserve: number) {
    super(
      503,
      `the ${maxStreams - reserve} live video streams open to all are in use; the other ${reserve} of ${maxStreams} are kept for the command centre (MEDIA_COMMAND_RESERVE); try again later`,
      { rule: 'command-reserve', limit: maxStreams - reserve },
    );
  }
}
