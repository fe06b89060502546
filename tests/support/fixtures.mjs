// The connector config the suites start from: one local Tencent API account, the Logto sign
// name, one Generic template; each suite overrides what it tests.
export const connectorConfig = (account, endpoint, overrides = {}) => ({
  accessKeyId: account.secretId,
  accessKeySecret: account.secretKey,
  signName: 'Logto',
  sdkAppId: account.sdkAppIds?.[0] ?? '1400000000',
  region: 'ap-guangzhou',
  templates: [{ usageType: 'Generic', templateCode: '1001' }],
  endpoint,
  ...overrides,
});
