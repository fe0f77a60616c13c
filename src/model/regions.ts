/**
 * A region plinkd serves (`--region`, docs/architecture.md "Configuration") and the availability
 * zones it offers. `zoneIds` are availability zones such as `cn-hangzhou-h` — where vSwitches and
 * endpoint addresses live — not DNS zones and not PrivateZone zones.
 */
export interface ServedRegion {
  regionId: string;
  zoneIds: string[];
}
