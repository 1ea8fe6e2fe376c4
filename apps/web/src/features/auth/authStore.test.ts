import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../lib/namedList';
import { useAuth } from './authStore';

const ME = { username: 'duty', role: 'duty_officer', stationId: null, permissions: ['registry:read'] };

/** fetch answering by path; every request is recorded. */
function fakeFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: string[] = [];
  const fn = vi.fn(async (path: string) => {
    calls.push(path);
    const answer = answers[path];
    if (!answer) throw new TypeError('no route in the fake');
    return answer();
  });
  return { fn, calls };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the session check at start', () => {
  let storage: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    useAuth.setState({ status: 'checking', me: null, error: null, busy: false });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('does not ask the gateway when this browser never signed in (no 401 on the sign-in page)', async () => {
    const f = fakeFetch({});
    vi.stubGlobal('fetch', f.fn);
    await useAuth.getState().check();
    expect(f.calls).toEqual([]);
    expect(useAuth.getState().status).toBe('signedOut');
  });

  it('asks after a sign-in, and forgets the sign-in when the gateway has no session', async () => {
    const f = fakeFetch({
      '/api/auth/login': () => json(200, ME),
      '/api/auth/me': () => json(401, { statusCode: 401, error: 'Unauthorized', message: 'sign in' }),
    });
    vi.stubGlobal('fetch', f.fn);
    await useAuth.getState().login('duty', 'secret');
    expect(useAuth.getState().status).toBe('signedIn');
    await useAuth.getState().check();
    expect(f.calls).toEqual(['/api/auth/login', '/api/auth/me']);
    expect(useAuth.getState().status).toBe('signedOut');
    await useAuth.getState().check();
    expect(f.calls).toHaveLength(2);
  });

  it('keeps the sign-in when the gateway cannot be reached, and restores the session next time', async () => {
    storage.setItem('onpatrol.signedIn', '1');
    let up = false;
    const f = fakeFetch({
      '/api/auth/me': () => {
        if (!up) throw new TypeError('Failed to fetch');
        return json(200, ME);
      },
    });
    vi.stubGlobal('fetch', f.fn);
    await useAuth.getState().check();
    expect(useAuth.getState().status).toBe('signedOut');
    up = true;
    await useAuth.getState().check();
    expect(useAuth.getState()).toMatchObject({ status: 'signedIn', me: ME });
  });

  it('forgets the sign-in at sign-out', async () => {
    storage.setItem('onpatrol.signedIn', '1');
    vi.stubGlobal('fetch', fakeFetch({ '/api/auth/logout': () => new Response(null, { status: 204 }) }).fn);
    await useAuth.getState().logout();
    expect(storage.data.has('onpatrol.signedIn')).toBe(false);
  });
});
