import type { StreamKind } from '@onpatrol/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { LiveController, type LiveSource } from './liveController';
import { withSignature } from './liveUrls';

export interface LiveHandle {
  source: LiveSource | null;
  /** The last failed request (ApiError), null while things work. */
  error: unknown;
  resign: (url: string) => string;
  renew: () => void;
  reload: () => void;
  playing: () => void;
}

/** The signed live URLs of one tile's camera stream, through a LiveController. */
export function useLiveSource(cameraId: string | null, stream: StreamKind, active: boolean): LiveHandle {
  const [source, setSource] = useState<LiveSource | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ctl = useRef<LiveController | null>(null);

  useEffect(() => {
    setSource(null);
    setError(null);
    if (!cameraId) return;
    const c = new LiveController(cameraId, stream, {
      fetch: api.live,
      onSource: setSource,
      onError: setError,
    });
    ctl.current = c;
    return () => {
      c.dispose();
      if (ctl.current === c) ctl.current = null;
    };
  }, [cameraId, stream]);

  useEffect(() => {
    ctl.current?.setActive(active && cameraId !== null);
  }, [active, cameraId, stream]);

  const actions = useMemo(
    () => ({
      resign: (url: string) => {
        const latest = ctl.current?.latest();
        return latest ? withSignature(url, latest.hls) : url;
      },
      renew: () => ctl.current?.renew(),
      reload: () => ctl.current?.reload(),
      playing: () => ctl.current?.playing(),
    }),
    [],
  );
  return { source, error, ...actions };
}
