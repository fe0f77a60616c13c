/** SPEC §2: the policy an endpoint gets when none is given. */
export const DEFAULT_ENDPOINT_POLICY = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":"*"}]}';
