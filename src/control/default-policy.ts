/** docs/control-plane.md: the policy an endpoint gets when none is given. */
export const DEFAULT_ENDPOINT_POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}';
