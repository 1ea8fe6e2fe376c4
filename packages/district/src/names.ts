import type { Rng } from './random.js';

/** Chinese name pools; fixed lists keep the registry believable and the generator deterministic. */

/** Space-separated words to a list (keeps the long pools compact). */
function words(s: string): string[] {
  return s.split(' ');
}

/** Stations by number 1..8: the branch's urban subdistricts and the two rural townships. */
export const STATION_NAMES = [
  { short: '水月寺', en: 'Shuiyuesi' },
  { short: '南环中路', en: 'Nanhuan Zhonglu' },
  { short: '西环中路', en: 'Xihuan Zhonglu' },
  { short: '市场', en: 'Shichang' },
  { short: '公园', en: 'Gongyuan' },
  { short: '南湖', en: 'Nanhu' },
  { short: '小王庄', en: 'Xiaowangzhuang' },
  { short: '南陈屯', en: 'Nanchentun' },
] as const;

/** North-south streets of the urban grid, west to east. */
export const NS_STREETS: readonly (readonly [string, 'arterial' | 'street'])[] = [
  ['西环路', 'arterial'],
  ['御河路', 'street'],
  ['朝阳街', 'street'],
  ['浮阳大道', 'arterial'],
  ['建设大街', 'street'],
  ['水月寺大街', 'street'],
  ['公园街', 'street'],
  ['维明路', 'street'],
  ['清池大道', 'arterial'],
  ['东环路', 'arterial'],
];

/** East-west streets of the urban grid, north to south. */
export const EW_STREETS: readonly (readonly [string, 'arterial' | 'street'])[] = [
  ['北环路', 'arterial'],
  ['新华路', 'street'],
  ['解放路', 'arterial'],
  ['光荣路', 'street'],
  ['永济路', 'arterial'],
  ['迎宾路', 'street'],
  ['黄河路', 'street'],
  ['南环路', 'arterial'],
];

/** Old-town lanes inside grid blocks. */
export const LANE_NAMES = words(
  '花园巷 南仓巷 北仓巷 铁匠胡同 鼓楼巷 菜市巷 义和巷 书院巷 槐树胡同 枣园巷 ' +
    '盐店巷 大隆巷 粮店胡同 纸坊巷 油坊胡同 钱铺巷',
);

/** The 25 key sites; the first three are named in the customer's report. */
export const KEY_SITES = words(
  '南湖广场 中心医院 同天商厦 运河区政府 沧州火车站 人民公园 工商银行运河支行 ' +
    '建设银行解放路支行 农业银行新华路支行 沧州市第一中学 运河区实验小学 水月寺小学 ' +
    '华北商城 百货大楼 长途汽车站 水月寺农贸市场 南湖农贸市场 运河区人民医院 ' +
    '沧州市中医院 沧州市图书馆 沧州市体育场 中石化永济路加油站 邮政局运河分局 明珠商贸城 ' +
    '运河区第二中学',
);

const COMPOUND_PREFIXES = words(
  '幸福 和平 阳光 金色 锦绣 华苑 新华 运河 御河 水月 南湖 光荣 朝阳 永安 康宁 ' +
    '建设 铁路 电业 供销 金桥 华北 明珠 颐和 世纪 书香 翰林 紫金 东方 泰和 盛世 ' +
    '怡景 丽水 嘉禾 康城 福康 荣盛 长城 天成 东湖 新城 清池 浮阳 狮城 鑫源 盛和 ' +
    '瑞园 育才 文化',
);
const COMPOUND_SUFFIXES: readonly (readonly [string, number])[] = [
  ['小区', 5],
  ['花园', 3],
  ['家园', 3],
  ['苑', 1],
  ['新村', 1],
  ['公寓', 1],
  ['嘉园', 1],
];

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = words(
  '建国 建军 志强 海涛 立新 红军 国庆 文杰 春生 永刚 振华 宏伟 学军 树林 金亮 ' +
    '小龙 晓东 俊峰 卫东 庆丰 长江 亚楠 丽娜 秀英 桂兰 淑珍 海燕 雪梅 凤霞 晓红 ' +
    '玉梅 静',
);

const VILLAGE_PREFIX = words('东 西 南 北 前 后 大 小');
const VILLAGE_SUFFIX = words('庄 屯 营 寨 官屯 家庄 家坊 店 洼 堡 口 桥 集');

/** Chain brands that name their branches after the street (e.g. 华联超市(解放路店)). */
export const SHOP_CHAINS = words(
  '华联超市 国美电器 苏宁易购 中国移动营业厅 中国联通营业厅 老百姓大药房 海王星辰药房 ' +
    '肯德基 麦当劳 德克士 蜜雪冰城 中国福利彩票 中国体育彩票 如家酒店 汉庭酒店 周大福 ' +
    '老凤祥 李宁 安踏 真维斯 美特斯邦威 华为授权体验店 永辉超市 好想来零食',
);
const SHOP_TRADES = words(
  '烟酒店 五金店 理发店 美发沙龙 干洗店 面馆 饺子馆 火锅店 烧烤店 水果店 粮油店 ' +
    '服装店 鞋店 眼镜店 手机维修 文具店 花店 宠物店 母婴店 茶叶店 诊所 便利店 ' +
    '早点铺 驴肉火烧 羊肠汤 火锅鸡 包子铺 蛋糕店 电动车行 建材店',
);
const SHOP_BRANDS = words(
  '鑫源 福满多 金鼎 佳佳 顺发 兴隆 红星 永盛 宏达 利民 惠民 德福 盛源 好再来 ' +
    '聚福 万家 天天 乐购 金福 旺角 运河 狮城 老字号 新潮',
);

/** Property companies that own compound camera sets. */
export const PROPERTY_COMPANIES = words(
  '沧州华信物业服务有限公司 沧州安居物业管理有限公司 运河区房管所物业中心 ' +
    '沧州荣盛物业服务有限公司 沧州鑫泰物业管理有限公司 沧州百合物业服务有限公司 ' +
    '沧州恒信物业有限公司 沧州长城物业管理有限公司 沧州嘉和物业服务有限公司 ' +
    '沧州宏达物业管理有限公司 沧州金狮物业服务有限公司 沧州颐安物业有限公司',
);

/** Security-system integrators that maintain camera sets. */
export const MAINTENANCE_COMPANIES = words(
  '沧州安视达科技有限公司 沧州天网安防工程有限公司 河北华安智能科技有限公司 ' +
    '沧州中联电子工程有限公司 沧州明视安防技术有限公司 河北冀安信息技术有限公司',
);

/** Camera vendors with rough market shares. */
export const VENDORS: readonly (readonly [string, number])[] = [
  ['海康威视', 50],
  ['大华', 30],
  ['宇视', 10],
  ['天地伟业', 5],
  ['科达', 5],
];

/** Hands out names that were not handed out before, from a maker; throws when the pool runs dry. */
export function uniqueNames(count: number, make: () => string, taken = new Set<string>()): string[] {
  const out: string[] = [];
  for (let tries = 0; out.length < count; tries++) {
    if (tries > count * 200) throw new Error(`name pool too small for ${count} names`);
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      out.push(name);
    }
  }
  return out;
}

/** A residential compound name, e.g. 幸福小区, 锦绣花园. */
export function compoundName(rng: Rng): string {
  return rng.pick(COMPOUND_PREFIXES) + rng.weighted(COMPOUND_SUFFIXES);
}

/** A village name, e.g. 东刘庄村, 李官屯村. */
export function villageName(rng: Rng): string {
  const prefix = rng.chance(0.35) ? rng.pick(VILLAGE_PREFIX) : '';
  return `${prefix}${rng.pick(SURNAMES)}${rng.pick(VILLAGE_SUFFIX)}村`;
}

/** A person's name, e.g. 王建国. */
export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** An independent shop's name, e.g. 张记包子铺 or 鑫源五金店. */
export function independentShopName(rng: Rng): string {
  const trade = rng.pick(SHOP_TRADES);
  return rng.chance(0.4) ? `${rng.pick(SURNAMES)}记${trade}` : `${rng.pick(SHOP_BRANDS)}${trade}`;
}

/** An 11-digit mobile number starting 13, 15 or 18. */
export function mobile(rng: Rng): string {
  let s = rng.pick(['13', '15', '18']);
  while (s.length < 11) s += String(rng.int(0, 9));
  return s;
}
