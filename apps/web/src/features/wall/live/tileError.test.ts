import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { en } from '../../../i18n/en';
import { zhCN } from '../../../i18n/zh-CN';
import { tileErrorMessage } from './tileError';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } } });
  return i.t;
}
const refused = (status: number, rule: string, limit?: number) =>
  new ApiError('http', status, 'english from the gateway', {
    statusCode: status,
    error: 'x',
    message: 'english from the gateway',
    rule,
    ...(limit === undefined ? {} : { limit }),
  });

describe('a tile without a picture says why', () => {
  it("tells the user's own stream quota, with its number, from the pool being full", async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    const quota = refused(429, 'stream-quota', 18);
    expect(tileErrorMessage(zh, quota)).toBe(
      '您已打开 18 路视频，已达本岗位上限；请先关闭其他画面（稍后自动重试）',
    );
    expect(tileErrorMessage(english, quota)).toContain('You have 18 live streams open');
    const reserve = refused(503, 'command-reserve', 48);
    expect(tileErrorMessage(zh, reserve)).toContain('指挥中心保留');
    expect(tileErrorMessage(english, reserve)).toContain("command centre's reserve");
    expect(tileErrorMessage(zh, refused(503, 'maxStreams', 64))).toBe('视频路数已达上限，稍后自动重试');
    expect(tileErrorMessage(zh, refused(404, 'x'))).toBe('无权查看此摄像机，或摄像机不存在');
  });
});
