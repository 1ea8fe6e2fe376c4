import { roleHas } from '@onpatrol/contracts';
import type { SessionUser } from '../auth/service.js';
import { ForbiddenError, HttpError, UnauthorizedError } from '../errors.js';
import { verifyStream } from './signing.js';

export const MEDIA_PERMISSION = 'registry:read';
const SESSION_CACHE_MS = 5000;
const SESSION_CACHE_MAX = 1000;

/** The media URL's signature is missing, expired, tampered with or another user's. */
export class SignedUrlError extends HttpError {
  override name = 'SignedUrlError';
  constructor() {
    super(403, 'the media URL is expired or not signed for you; request /api/cameras/:id/live again', {
      rule: 'signed-url',
    });
  }
}

/**
 * Who may fetch media: the /media routes and the WS-FLV upgrade live outside /api (the upgrade
 * even outside Fastify's routing), so they check the session cookie and the signed URL here.
 */
export class MediaAccess {
  // Every tile asks for a segment each second; a short cache spares the session table.
  private readonly sessions = new Map<string, { user: SessionUser; until: number }>();

  constructor(
    private readonly userForToken: (token: string) => Promise<SessionUser | null>,
    private readonly secret: Buffer,
  ) {}

  /** The signed-in user of the session token; throws 401 without one, 403 without the permission. */
  async user(token: string | undefined): Promise<SessionUser> {
    if (!token) throw new UnauthorizedError();
    const hit = this.sessions.get(token);
    let user = hit && hit.until > Date.now() ? hit.user : null;
    if (!user) {
      user = await this.userForToken(token);
      if (!user) throw new UnauthorizedError();
      if (this.sessions.size >= SESSION_CACHE_MAX) this.sessions.clear();
      this.sessions.set(token, { user, until: Date.now() + SESSION_CACHE_MS });
    }
    if (!roleHas(user.role, MEDIA_PERMISSION)) throw new ForbiddenError(MEDIA_PERMISSION);
    return user;
  }

  /** Throws SignedUrlError unless exp/sig were issued to this user for this stream and still hold. */
  checkSignature(
    user: SessionUser,
    cameraId: string,
    stream: string,
    q: { exp?: string | null; sig?: string | null },
  ): void {
    const ok = verifyStream(
      this.secret,
      user.username,
      cameraId,
      stream,
      q.exp ?? undefined,
      q.sig ?? undefined,
      Date.now(),
    );
    if (!ok) throw new SignedUrlError();
  }
}
