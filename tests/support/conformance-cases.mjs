// The inputs run through both the official @logto/connector-tencent-sms@1.4.4 and ours by
// tests/js/conformance.test.mjs. Each row is { name, ours, config, data, reply, expectedDifference }:
// `ours` is the outcome we expect of our connector (`ok` or a Logto ConnectorErrorCodes value),
// stated here so that a change of ours fails even when it happens to match the official's;
// `expectedDifference` is the first cell of a row of the table in docs/differences.md (or absent
// when both connectors must behave alike); `knownBug` marks a row whose difference
// docs/differences.md does not document: it runs as a node:test `todo`.

/** Every TemplateType Logto has (connector-kit 5.1). */
export const TEMPLATE_TYPES = [
  'SignIn', 'Register', 'ForgotPassword', 'OrganizationInvitation', 'Generic',
  'UserPermissionValidation', 'BindNewIdentifier', 'MfaVerification', 'BindMfa',
];

// 2023-11-14T22:13:20Z: the instant of the official connector's golden request
// (official-connector-golden in tests/vectors/tc3.json).
export const NOW_MS = 1_700_000_000_000;

// A distinct TemplateId per type, so the id sent tells which template was picked.
const templateCode = (type) => String(1_000_001 + TEMPLATE_TYPES.indexOf(type));
const templatesFor = (...types) => types.map((usageType) => ({ usageType, templateCode: templateCode(usageType) }));

// The smallest config the official connector accepts: its four required usage types.
const REQUIRED = ['Register', 'SignIn', 'ForgotPassword', 'Generic'];
export const BASE_CONFIG = {
  accessKeyId: 'AKIDEXAMPLE',
  accessKeySecret: 'SECRETKEY',
  signName: 'Logto',
  sdkAppId: '1400000000',
  region: 'ap-guangzhou',
  templates: templatesFor(...REQUIRED),
};
const config = (overrides = {}) => ({ ...BASE_CONFIG, ...overrides });
const without = (key) => Object.fromEntries(Object.entries(BASE_CONFIG).filter(([k]) => k !== key));
const ALL_TEMPLATES = config({ templates: templatesFor(...TEMPLATE_TYPES) });

const DATA = { to: '8613012345678', type: 'SignIn', payload: { code: '123456' } };
const data = (overrides = {}) => ({ ...DATA, ...overrides });
const payload = (extra) => data({ payload: { code: '123456', ...extra } });
const phone = (to) => data({ to });

// Tencent's answers. JSON bodies are strings so both connectors get the very same bytes.
const status = (Code, Message = 'send success') => ({
  SerialNo: '2640:1', PhoneNumber: '+8613012345678', Fee: 1, SessionContext: '', Code, Message, IsoCode: 'CN',
});
const json = (value, httpStatus = 200) => ({ status: httpStatus, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });
const sendStatus = (...items) => json({ Response: { SendStatusSet: items, RequestId: 'req-1' } });
const tencentError = (Code, Message, httpStatus = 200) => json({ Response: { Error: { Code, Message }, RequestId: 'req-1' } }, httpStatus);
const html = (httpStatus) => ({ status: httpStatus, body: `<html><body>${httpStatus}</body></html>`, headers: { 'Content-Type': 'text/html' } });
export const SUCCESS = sendStatus(status('Ok'));

const configCases = [
  { name: 'config: the four required templates', ours: 'ok' },
  { name: 'config: accessKeySecret missing', ours: 'invalid_config', config: without('accessKeySecret') },
  { name: 'config: sdkAppId is a number', ours: 'invalid_config', config: config({ sdkAppId: 1_400_000_000 }) },
  { name: 'config: templates is not an array', ours: 'invalid_config', config: config({ templates: { SignIn: '1' } }) },
  { name: 'config: null', ours: 'invalid_config', config: null },
  { name: 'config: Generic template missing', ours: 'ok', config: config({ templates: templatesFor('Register', 'SignIn', 'ForgotPassword') }), expectedDifference: 'Required templates' },
  { name: 'config: empty signName', ours: 'invalid_config', config: config({ signName: '' }), expectedDifference: 'Config checks' },
  { name: 'config: empty templateCode', ours: 'ok', config: config({ templates: [...BASE_CONFIG.templates, { usageType: 'BindMfa', templateCode: '' }] }) },
  { name: 'config: non-numeric sdkAppId', ours: 'invalid_config', config: config({ sdkAppId: 'my-app' }), expectedDifference: 'Config checks' },
  { name: 'config: region is not a region name', ours: 'invalid_config', config: config({ region: 'Guangzhou' }), expectedDifference: 'Config checks' },
  // Ours trims; the official signs with the spaces inside Credential=, which Tencent cannot match.
  { name: 'config: accessKeyId with surrounding spaces', ours: 'ok', config: config({ accessKeyId: ' AKIDEXAMPLE ' }), expectedDifference: 'Config checks' },
  { name: 'config: Register template missing', ours: 'ok', config: config({ templates: templatesFor('SignIn', 'ForgotPassword', 'Generic') }), expectedDifference: 'Required templates' },
  { name: 'config: only Generic', ours: 'ok', config: config({ templates: templatesFor('Generic') }), data: data({ type: 'Generic' }), expectedDifference: 'Required templates' },
  { name: 'config: extra unknown keys', ours: 'ok', config: config({ extra: 'x', templates: BASE_CONFIG.templates.map((t) => ({ ...t, note: 1 })) }) },
  { name: 'config: unknown usageType entries', ours: 'ok', config: config({ templates: [{ usageType: 'Test', templateCode: '9' }, { usageType: 'signin', templateCode: '8' }, ...BASE_CONFIG.templates] }) },
  { name: 'config: duplicate SignIn, the first one wins', ours: 'ok', config: config({ templates: [{ usageType: 'SignIn', templateCode: '7777777' }, ...BASE_CONFIG.templates] }) },
  // Not in the brief's list, but a config key the official silently drops.
  { name: 'config: endpoint set to the intl host', ours: 'ok', config: config({ endpoint: 'https://sms.intl.tencentcloudapi.com' }), expectedDifference: 'Endpoint' },
];

// Configs as Logto stores them: saved through the official connector's configGuard (Logto never
// checks a config again), read back through getConfig when a message is sent. Each is in the
// official schema's space; the request must be the official's, or the difference documented.
const PLACEHOLDER = '<template-code>';
const entry = (usageType, templateCode) => ({ usageType, templateCode });
const withEntries = (...extra) => config({ templates: [...BASE_CONFIG.templates, ...extra] });
const storedCases = [
  { name: 'stored: blank code for a type never sent (MfaVerification)', ours: 'ok', config: withEntries(entry('MfaVerification', '')) },
  { name: 'stored: placeholder code for a type never sent (BindMfa)', ours: 'ok', config: withEntries(entry('BindMfa', PLACEHOLDER)) },
  {
    name: "stored: the console's nine default entries, four filled in",
    ours: 'ok',
    config: config({ templates: TEMPLATE_TYPES.map((t) => entry(t, REQUIRED.includes(t) ? templateCode(t) : PLACEHOLDER)) }),
  },
  {
    name: "stored: the console's nine default entries, a placeholder type is sent",
    ours: 'ok',
    config: config({ templates: TEMPLATE_TYPES.map((t) => entry(t, REQUIRED.includes(t) ? templateCode(t) : PLACEHOLDER)) }),
    data: data({ type: 'MfaVerification' }),
    expectedDifference: 'Unusable template entries',
  },
  {
    name: 'stored: the SignIn entry is blank, Generic is usable', ours: 'ok',
    config: config({ templates: [entry('SignIn', ''), ...templatesFor('Register', 'ForgotPassword', 'Generic')] }),
    expectedDifference: 'Unusable template entries',
  },
  {
    name: 'stored: the SignIn entry is a placeholder, Generic is usable', ours: 'ok',
    config: config({ templates: [entry('SignIn', PLACEHOLDER), ...templatesFor('Register', 'ForgotPassword', 'Generic')] }),
    expectedDifference: 'Unusable template entries',
  },
  {
    name: 'stored: Generic is a placeholder and the Test button sends Generic', ours: 'template_not_found',
    config: config({ templates: [...templatesFor('SignIn', 'Register', 'ForgotPassword'), entry('Generic', PLACEHOLDER)] }),
    data: data({ type: 'Generic' }),
    expectedDifference: 'Unusable template entries',
  },
  { name: 'stored: Generic is a placeholder, SignIn is usable', ours: 'ok', config: config({ templates: [...templatesFor('SignIn', 'Register', 'ForgotPassword'), entry('Generic', PLACEHOLDER)] }) },
  { name: 'stored: an old Test entry with a code', ours: 'ok', config: withEntries(entry('Test', '9999999')) },
  { name: 'stored: an old Test entry left blank', ours: 'ok', config: withEntries(entry('Test', '')) },
  { name: 'stored: unknown usage types (a typo, a future type)', ours: 'ok', config: withEntries(entry('Signin', '8888888'), entry('PasskeyVerification', '7777777')) },
  {
    name: 'stored: a future usage type is sent and has its own entry', ours: 'ok',
    config: withEntries(entry('PasskeyVerification', '7777777')),
    // Both find the entry by exact string: a type Logto adds later needs no release.
    data: data({ type: 'PasskeyVerification' }),
  },
  { name: 'stored: duplicate SignIn entries, both usable: the first wins', ours: 'ok', config: config({ templates: [entry('SignIn', '5555555'), ...BASE_CONFIG.templates] }) },
  {
    name: 'stored: duplicate SignIn entries, the first is blank', ours: 'ok',
    config: config({ templates: [entry('SignIn', ''), ...BASE_CONFIG.templates] }),
    expectedDifference: 'Unusable template entries',
  },
  { name: 'stored: extra keys at the top and in entries', ours: 'ok', config: config({ description: 'prod', templates: BASE_CONFIG.templates.map((t) => ({ ...t, remark: 'ok' })) }) },
  { name: 'stored: an extra key that is also an option of ours, invalid', ours: 'ok', config: config({ timeoutMs: 'soon', endpoint: 'see wiki' }) },
  { name: 'stored: an entry with a locale key the official ignores', ours: 'ok', config: config({ templates: [{ ...entry('SignIn', templateCode('SignIn')), locale: 'zh CN' }, ...templatesFor('Register', 'ForgotPassword', 'Generic')] }) },
  { name: 'stored: whitespace around the TemplateId', ours: 'ok', config: config({ templates: [entry('SignIn', ' 1000002 '), ...templatesFor('Register', 'ForgotPassword', 'Generic')] }), expectedDifference: 'Config checks' },
  { name: 'stored: whitespace around signName', ours: 'ok', config: config({ signName: ' Logto ' }), expectedDifference: 'Config checks' },
  { name: 'stored: a whitespace usageType does not match SignIn', ours: 'ok', config: withEntries(entry(' SignIn ', '4444444')) },
  {
    name: 'stored: a number as templateCode (the official refuses the config)', ours: 'ok',
    config: config({ templates: [entry('SignIn', 1000002), ...templatesFor('Register', 'ForgotPassword', 'Generic')] }),
    expectedDifference: 'Unusable template entries',
  },
  { name: 'stored: a number as sdkAppId (both refuse)', ours: 'invalid_config', config: config({ sdkAppId: 1_400_000_000 }) },
  {
    name: 'stored: a null template entry (the official refuses the config)', ours: 'ok',
    config: config({ templates: [null, ...BASE_CONFIG.templates] }),
    expectedDifference: 'Unusable template entries',
  },
  {
    name: 'stored: SignIn only as a lower-case typo, SignIn is sent', ours: 'ok',
    config: config({ templates: [entry('signin', '1000002'), ...templatesFor('Register', 'ForgotPassword', 'Generic')] }),
    expectedDifference: 'Required templates',
  },
].map((row) => ({ ...row, stored: true }));

const typeCases = [
  ...TEMPLATE_TYPES.map((type) => ({ name: `type ${type}, its own template`, ours: 'ok', config: ALL_TEMPLATES, data: data({ type }) })),
  // The official guard needs only four types: the rest have no template unless configured.
  { name: 'type OrganizationInvitation, no own template', ours: 'ok', data: data({ type: 'OrganizationInvitation' }), expectedDifference: 'Missing template for a type' },
  { name: 'type MfaVerification, no own template', ours: 'ok', data: data({ type: 'MfaVerification' }), expectedDifference: 'Missing template for a type' },
  { name: 'type Test (not a TemplateType)', ours: 'ok', data: data({ type: 'Test' }), expectedDifference: 'Missing template for a type' },
];

const payloadCases = [
  { name: 'payload: locale', ours: 'ok', data: payload({ locale: 'zh-CN' }) },
  { name: 'payload: uiLocales', ours: 'ok', data: payload({ locale: 'en', uiLocales: 'en fr' }), expectedDifference: '`TemplateParamSet`' },
  { name: 'payload: ip', ours: 'ok', data: payload({ ip: '203.0.113.7' }), expectedDifference: '`TemplateParamSet`' },
  { name: 'payload: a number field', ours: 'ok', data: payload({ n: 5 }), expectedDifference: '`TemplateParamSet`' },
  {
    name: 'payload: code is a number', ours: 'ok',
    data: data({ payload: { code: 123456 } }),
    // connector-kit types `code` as a string, but the official sends String(123456) = "123456".
  },
];

const phoneCases = [
  { name: 'phone 13012345678 (bare mainland mobile)', ours: 'ok', data: phone('13012345678') },
  { name: 'phone +8613012345678', ours: 'ok', data: phone('+8613012345678') },
  { name: 'phone 008613012345678', ours: 'ok', data: phone('008613012345678') },
  { name: 'phone 85291234567 (Hong Kong, digits only)', ours: 'ok', data: phone('85291234567'), expectedDifference: 'Phone number sent' },
  { name: 'phone 12125550123 (US, digits only)', ours: 'ok', data: phone('12125550123'), expectedDifference: 'Phone number sent' },
  { name: 'phone 12345 (too short)', ours: 'invalid_request_parameters', data: phone('12345'), expectedDifference: 'Phone number sent' },
  {
    name: 'phone as a number 8613012345678', ours: 'ok',
    data: phone(8613012345678),
    // connector-kit types `to` as a string; the official sends the JSON number unchanged.
    expectedDifference: 'Phone number sent',
  },
];

const responseCases = [
  { name: 'response: success', ours: 'ok', reply: SUCCESS },
  { name: 'response: HTTP 200 AuthFailure.SignatureFailure', ours: 'invalid_config', reply: tencentError('AuthFailure.SignatureFailure', 'bad sig'), expectedDifference: 'Error codes' },
  { name: 'response: HTTP 200 LimitExceeded.PhoneNumberDailyLimit', ours: 'rate_limit_exceeded', reply: tencentError('LimitExceeded.PhoneNumberDailyLimit', 'daily limit'), expectedDifference: 'Error codes' },
  // Unmapped codes are `general` in both.
  { name: 'response: HTTP 200 InternalError.Timeout', ours: 'general', reply: tencentError('InternalError.Timeout', 'timeout') },
  { name: 'response: per-number LimitExceeded.PhoneNumberThirtySecondLimit', ours: 'rate_limit_exceeded', reply: sendStatus(status('LimitExceeded.PhoneNumberThirtySecondLimit', '30s')), expectedDifference: 'Error codes' },
  { name: 'response: per-number InvalidParameterValue.IncorrectPhoneNumber', ours: 'invalid_request_parameters', reply: sendStatus(status('InvalidParameterValue.IncorrectPhoneNumber', 'bad')), expectedDifference: 'Error codes' },
  { name: 'response: per-number code "OK" (upper case)', ours: 'general', reply: sendStatus(status('OK')), expectedDifference: '`SendStatusSet` code' },
  { name: 'response: second status fails', ours: 'rate_limit_exceeded', reply: sendStatus(status('Ok'), status('LimitExceeded.PhoneNumberDailyLimit', 'x')), expectedDifference: '`SendStatusSet` code' },
  { name: 'response: empty SendStatusSet', ours: 'invalid_response', reply: sendStatus(), expectedDifference: 'Error codes' },
  { name: 'response: HTTP 500 HTML page', ours: 'general', reply: html(500) },
  { name: 'response: HTTP 502 HTML page', ours: 'general', reply: html(502) },
  { name: 'response: HTTP 400 with Tencent error JSON', ours: 'invalid_config', reply: tencentError('AuthFailure.SecretIdNotFound', 'no such id', 400), expectedDifference: 'Error codes' },
  { name: 'response: HTTP 429, empty body', ours: 'rate_limit_exceeded', reply: { status: 429, body: '' }, expectedDifference: 'HTTP errors, timeouts' },
  { name: 'response: HTTP 200 malformed JSON', ours: 'invalid_response', reply: { status: 200, body: '{"Response":', headers: { 'Content-Type': 'application/json' } }, expectedDifference: 'Error codes' },
  { name: 'response: HTTP 200 empty body', ours: 'invalid_response', reply: { status: 200, body: '' }, expectedDifference: 'Error codes' },
];

export const CASES = [...configCases, ...storedCases, ...typeCases, ...payloadCases, ...phoneCases, ...responseCases].map((row) => ({
  config: BASE_CONFIG,
  data: DATA,
  reply: SUCCESS,
  ...row,
}));
