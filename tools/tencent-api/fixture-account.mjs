// A Tencent SMS account to check against: signs and templates in every review state
// (StatusCode 0/1/2/-1), templates for mainland, international and both (International
// 0/1/3) with 0 to 3 variables, packages used up, untouched and expired, and keys with and
// without read permission. Times are relative to `now` (Unix seconds) so verdicts stay fixed.

const DAY = 86_400;
export const FIXTURE_APP = '1400000000';
export const READ_KEY = { secretId: 'AKIDLIVEREADER', secretKey: 'live-read-only-secret-key', sdkAppIds: [FIXTURE_APP] };
// The connector's own key, as the guide says to set it up: sms:SendSms and nothing else.
export const SEND_ONLY_KEY = { secretId: 'AKIDSENDONLY', secretKey: 'send-only-secret-key', sdkAppIds: [FIXTURE_APP], actions: ['SendSms'] };

const sign = (SignId, SignName, StatusCode, International = 0, ReviewReply = '') => ({
  SignId, International, StatusCode, ReviewReply, SignName, CreateTime: 1_690_000_000,
  ...(International === 0 ? { QualificationId: 1, QualificationName: '本地测试有限公司', QualificationStatusCode: 1 } : { QualificationId: 0, QualificationName: '', QualificationStatusCode: 0 }),
});
const template = (TemplateId, TemplateContent, StatusCode = 0, International = 0, ReviewReply = '', TemplateName = `模板${TemplateId}`) => ({
  TemplateId, International, StatusCode, ReviewReply, TemplateName, CreateTime: 1_690_000_000, TemplateContent,
});
const pkg = (PackageId, PackageAmount, CurrentUsage, createdDaysAgo, expiresInDays, now, PackageType = 1) => ({
  PackageCreateTime: now - createdDaysAgo * DAY, PackageEffectiveTime: now - createdDaysAgo * DAY,
  PackageExpiredTime: now + expiresInDays * DAY, PackageAmount, PackageType, PackageId, CurrentUsage,
});

export const SIGNS = [
  sign(1, 'Logto', 0),
  sign(2, '腾讯云', 0),
  sign(3, '审核中签名', 1),
  sign(4, '待生效签名', 2),
  sign(5, '被驳回签名', -1, 0, '签名与企业资质不符，请提供证明材料'),
  sign(6, 'Acme（中国）', 0),
  sign(11, 'Logto', 0, 1),
  sign(12, 'Logto Global', 1, 1),
];

export const TEMPLATES = [
  template(1001, '您的验证码为：{1}，5分钟内有效。'),
  template(1002, '您的验证码为：{1}，{2}分钟内有效。'),
  template(1003, '欢迎使用 Logto。', 0, 0, '', '欢迎'),
  template(1004, '验证码 {1}，请勿泄露。', 1),
  template(1005, '验证码 {1}（待生效）。', 2),
  template(1006, '限时优惠！验证码 {1}', -1, 0, '模板内容含营销信息，验证码模板不得含推广内容'),
  template(1007, '{1} 邀请您加入 {2}，验证码 {3}。'),
  template(2001, 'Your verification code is {1}.', 0, 1),
  template(2002, 'Code {1}, valid for {2} minutes.', 0, 1),
  template(2003, 'Your code is {1}.', -1, 1, 'Template content is incomplete'),
  template(3001, 'Code {1} / 验证码 {1}', 0, 3),
];

/** A sound account: the signs and templates above, and a package with plenty left. */
export function soundAccount(now) {
  return { signs: SIGNS, templates: TEMPLATES, packages: [pkg(501, 10_000, 1_234, 30, 300, now), pkg(502, 1000, 1000, 400, 20, now)] };
}

/** The same signs and templates, and packages used up, expiring or expired. */
export function brokenAccount(now) {
  return {
    signs: SIGNS,
    templates: TEMPLATES,
    packages: [pkg(601, 1000, 1000, 200, 100, now), pkg(602, 500, 440, 50, 12, now), pkg(603, 5000, 10, 800, -35, now, 0)],
  };
}

/** 250 mainland signs and 3 international ones: paging takes 3 + 1 pages. */
export function manySignsAccount(now) {
  const signs = [];
  for (let i = 0; i < 250; i++) signs.push(sign(10_000 + i, i === 249 ? 'Logto' : `业务签名${i}`, 0));
  for (let i = 0; i < 3; i++) signs.push(sign(20_000 + i, i === 0 ? 'Logto' : `Global ${i}`, 0, 1));
  return { signs, templates: TEMPLATES, packages: soundAccount(now).packages };
}

/** SendSms's view of an account: approved signs' names and approved templates. */
export function sendOptions(sms) {
  const approved = (x) => x.StatusCode === 0;
  return {
    signNames: [...new Set(sms.signs.filter(approved).map((s) => s.SignName))],
    templates: Object.fromEntries(sms.templates.filter(approved).map((t) => [
      t.TemplateId, { text: t.TemplateContent, international: t.International === 3 ? 'both' : t.International === 1 },
    ])),
  };
}

// Keys for the sound and the broken variant of the account (read permission included).
export const SOUND_KEY = { secretId: 'AKIDLIVESOUND', secretKey: 'live-sound-secret-key', sdkAppIds: [FIXTURE_APP] };
export const BROKEN_KEY = { secretId: 'AKIDLIVEBROKEN', secretKey: 'live-broken-secret-key', sdkAppIds: [FIXTURE_APP] };
export const MANY_KEY = { secretId: 'AKIDLIVEMANY', secretKey: 'live-many-secret-key', sdkAppIds: [FIXTURE_APP] };

/** Every key above with its data, for `startTencentApi({ accounts })`. */
export const fixtureAccounts = () => [
  { ...SOUND_KEY, sms: soundAccount },
  { ...BROKEN_KEY, sms: brokenAccount },
  { ...MANY_KEY, sms: manySignsAccount },
  { ...READ_KEY, sms: soundAccount },
  { ...SEND_ONLY_KEY, sms: soundAccount },
];

/** The config a sound account serves in full (the guide's first example, without keys). */
export const SOUND_TEMPLATES = [
  { usageType: 'SignIn', templateCode: { mainland: '1001', international: '2001' } },
  { usageType: 'Register', templateCode: '3001' },
  { usageType: 'ForgotPassword', templateCode: { mainland: '1002' }, params: ['{{code}}', '5'] },
  { usageType: 'Generic', templateCode: { mainland: '1001', international: '2001' } },
  { usageType: 'Generic', templateCode: { mainland: '1002', international: '2002' }, locale: 'en', params: ['{{code}}', '10'] },
];

/** A config that meets every defect of the account (the guide's second example). */
export const BROKEN_CONFIG = {
  signName: '腾讯去',
  internationalSignName: 'Logto Global',
  templates: [
    { usageType: 'SignIn', templateCode: { mainland: '1004', international: '2003' } },
    { usageType: 'Register', templateCode: '1002' },
    { usageType: 'ForgotPassword', templateCode: '1003' },
    { usageType: 'OrganizationInvitation', templateCode: '1006' },
    { usageType: 'MfaVerification', templateCode: '1005' },
    { usageType: 'BindMfa', templateCode: { mainland: '2001' } },
    { usageType: 'UserPermissionValidation', templateCode: '9999' },
    { usageType: 'BindNewIdentifier', templateCode: '1007', params: ['{{code}}', '5'] },
    { usageType: 'Generic', templateCode: { mainland: '1001' } },
  ],
};

/** A connector config for `key` at the local API `url`. */
export const liveConfig = (key, url, overrides = {}) => ({
  accessKeyId: key.secretId,
  accessKeySecret: key.secretKey,
  signName: 'Logto',
  sdkAppId: FIXTURE_APP,
  region: 'ap-guangzhou',
  templates: SOUND_TEMPLATES,
  endpoint: url,
  ...overrides,
});
