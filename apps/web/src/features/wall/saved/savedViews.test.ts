import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api } from '../../../api/client';
import { useSavedViews } from './savedViews';

const layout = { name: 'A', updatedAt: '2026-11-29T00:00:00.000Z', layout: 4 as const, cameras: [] };

describe('saved views store', () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps a failure beside the list it concerns, and clears it on that list's next success", async () => {
    const refused = new ApiError('http', 400, 'cameraIds: must NOT have more than 500 items');
    vi.spyOn(api.views, 'saveTour').mockRejectedValueOnce(refused);
    vi.spyOn(api.views, 'saveLayout').mockResolvedValueOnce([layout]);
    const views = useSavedViews.getState;

    expect(await views().saveTour('big', { cameraIds: ['1'], dwellSec: 30 })).toBe(false);
    expect(views().tourError).toBe(refused);
    // The layouts menu does not show the tour's error.
    expect(await views().saveLayout('A', { layout: 4, cameras: [] })).toBe(true);
    expect(views().layouts).toEqual([layout]);
    expect(views().layoutError).toBeNull();
    expect(views().tourError).toBe(refused);

    vi.spyOn(api.views, 'tours').mockResolvedValueOnce([]);
    vi.spyOn(api.views, 'layouts').mockRejectedValueOnce(new ApiError('network', 0, 'offline'));
    await views().load('duty', 'tours');
    expect(views().tourError).toBeNull();
    expect(api.views.layouts).not.toHaveBeenCalled();
  });

  it('sends one save while a save of the same list is on its way, and is free again after it', async () => {
    let answer: (list: (typeof layout)[]) => void = () => {};
    const save = vi
      .spyOn(api.views, 'saveLayout')
      .mockImplementationOnce(() => new Promise((r) => (answer = r)))
      .mockResolvedValueOnce([layout]);
    vi.spyOn(api.views, 'saveTour').mockResolvedValueOnce([]);
    const views = useSavedViews.getState;

    const first = views().saveLayout('A', { layout: 4, cameras: [] });
    expect(views().layoutBusy).toBe(true);
    // A double click: refused without a request; the tours list is not held up by it.
    expect(await views().saveLayout('A', { layout: 4, cameras: [] })).toBe(false);
    expect(save).toHaveBeenCalledTimes(1);
    expect(views().tourBusy).toBe(false);
    expect(await views().saveTour('T', { cameraIds: ['1'], dwellSec: 30 })).toBe(true);

    answer([layout]);
    expect(await first).toBe(true);
    expect(views().layoutBusy).toBe(false);
    expect(await views().saveLayout('A', { layout: 4, cameras: [] })).toBe(true);
    expect(save).toHaveBeenCalledTimes(2);
  });
});
