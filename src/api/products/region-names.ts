/**
 * Display names of the regions plinkd knows by name, per language, as the cloud's consoles
 * show them; a region without one shows its id. Chinese is the default (LocalName of
 * Privatelink's DescribeRegions); PrivateZone's DescribeRegions also takes en-US
 * (https://api.aliyun.com/api/pvtz/2018-01-01/DescribeRegions, AcceptLanguage).
 */
export type RegionLanguage = 'zh-CN' | 'en-US';

const NAMES: Readonly<Record<string, { 'zh-CN': string; 'en-US': string; area: string }>> = {
  'cn-hangzhou': { 'zh-CN': '华东1（杭州）', 'en-US': 'China (Hangzhou)', area: '华东 1' },
  'cn-shanghai': { 'zh-CN': '华东2（上海）', 'en-US': 'China (Shanghai)', area: '华东 2' },
  'cn-qingdao': { 'zh-CN': '华北1（青岛）', 'en-US': 'China (Qingdao)', area: '华北 1' },
  'cn-beijing': { 'zh-CN': '华北2（北京）', 'en-US': 'China (Beijing)', area: '华北 2' },
  'cn-zhangjiakou': { 'zh-CN': '华北3（张家口）', 'en-US': 'China (Zhangjiakou)', area: '华北 3' },
  'cn-huhehaote': { 'zh-CN': '华北5（呼和浩特）', 'en-US': 'China (Hohhot)', area: '华北 5' },
  'cn-shenzhen': { 'zh-CN': '华南1（深圳）', 'en-US': 'China (Shenzhen)', area: '华南 1' },
  'cn-hongkong': { 'zh-CN': '中国香港', 'en-US': 'China (Hong Kong)', area: '香港' },
  'ap-southeast-1': { 'zh-CN': '新加坡', 'en-US': 'Singapore', area: '新加坡' },
};

export function regionLocalName(regionId: string, language: RegionLanguage = 'zh-CN'): string {
  return NAMES[regionId]?.[language] ?? regionId;
}

/** The region's area as zone names show it ("华东 1"), if known. */
export function regionArea(regionId: string): string | undefined {
  return NAMES[regionId]?.area;
}
