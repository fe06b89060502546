// SendSms (2021-01-11) request semantics, kept free of HTTP so the order of checks is easy
// to read and to compare with Tencent's SendSms documentation (API 382/55981, 2021-01-11).
import { randomInt } from 'node:crypto';

export const ACTION = 'SendSms';
export const VERSION = '2021-01-11';
export const MAX_PHONE_NUMBERS = 200;

// The SMS region list Tencent documents (ap-guangzhou, ap-beijing, ap-nanjing; ap-singapore on
// the international site) plus every region that has a regional sms.<region> host.
export const DEFAULT_REGIONS = [
  'ap-guangzhou', 'ap-beijing', 'ap-nanjing', 'ap-singapore', 'ap-shanghai', 'ap-chengdu',
  'ap-chongqing', 'ap-hongkong', 'ap-bangkok', 'ap-mumbai', 'ap-seoul', 'ap-tokyo',
  'na-ashburn', 'na-siliconvalley', 'eu-frankfurt',
];

const KNOWN_FIELDS = new Set([
  'PhoneNumberSet', 'SmsSdkAppId', 'TemplateId', 'SignName', 'TemplateParamSet',
  'ExtendCode', 'SessionContext', 'SenderId',
]);

// Best-effort calling code → ISO 3166 alpha-2; longest prefix wins, unknown → DEF (as Tencent).
const ISO_BY_CODE = {
  1: 'US', 7: 'RU', 20: 'EG', 27: 'ZA', 30: 'GR', 31: 'NL', 32: 'BE', 33: 'FR', 34: 'ES', 39: 'IT',
  41: 'CH', 44: 'GB', 46: 'SE', 47: 'NO', 48: 'PL', 49: 'DE', 52: 'MX', 55: 'BR', 60: 'MY', 61: 'AU',
  62: 'ID', 63: 'PH', 64: 'NZ', 65: 'SG', 66: 'TH', 81: 'JP', 82: 'KR', 84: 'VN', 86: 'CN', 90: 'TR',
  91: 'IN', 92: 'PK', 95: 'MM', 351: 'PT', 353: 'IE', 852: 'HK', 853: 'MO', 855: 'KH', 856: 'LA',
  880: 'BD', 886: 'TW', 966: 'SA', 971: 'AE', 972: 'IL', 974: 'QA',
};

export function isoCode(e164) {
  const digits = e164.slice(1);
  for (let len = 3; len >= 1; len--) {
    const iso = ISO_BY_CODE[digits.slice(0, len)];
    if (iso) return iso;
  }
  return 'DEF';
}

/** Distinct {n} placeholders of a template text. */
export function placeholderCount(text) {
  return new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1])).size;
}

export function renderTemplate(text, params) {
  return text.replace(/\{(\d+)\}/g, (whole, n) => (params[Number(n) - 1] ?? whole));
}

/**
 * E.164 `+` and 7–15 digits; for mainland China also the documented 0086…/86…/bare forms.
 * +86 numbers must look like a mainland mobile (1 and ten more digits).
 * Returns the normalised number or undefined.
 */
export function normalisePhone(raw) {
  const mainland = /^(?:\+86|0086|86)?(1\d{10})$/.exec(raw);
  if (mainland) return '+86' + mainland[1];
  if (/^\+86/.test(raw)) return undefined;
  return /^\+[1-9]\d{6,14}$/.test(raw) ? raw : undefined;
}

const err = (code, message) => ({ error: { code, message } });
const isStringArray = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Everything after the HTTP/TC3 layer. `body` is the parsed JSON object; `ctx` carries
 * { secretId, region, account (the signing account), accounts, signNames (Set), templates }.
 * Returns { error } or { statuses, deliveries } where deliveries are the accepted messages.
 */
export function evaluateSendSms(body, ctx) {
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) return err('UnknownParameter', `The parameter \`${key}\` is not recognized.`);
  }
  for (const key of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId']) {
    if (!(key in body)) return err('MissingParameter', `The request is missing a required parameter \`${key}\`.`);
  }
  for (const key of ['SmsSdkAppId', 'TemplateId', 'SignName', 'ExtendCode', 'SessionContext', 'SenderId']) {
    if (key in body && typeof body[key] !== 'string') {
      return err('InvalidParameter', `The parameter \`${key}\` must be a string.`);
    }
  }
  const { PhoneNumberSet: phones, TemplateParamSet: params = [], SmsSdkAppId: appId, TemplateId: templateId } = body;
  if (!isStringArray(phones)) return err('InvalidParameter', 'The parameter `PhoneNumberSet` must be an array of strings.');
  if (!isStringArray(params)) return err('InvalidParameter', 'The parameter `TemplateParamSet` must be an array of strings.');
  if (phones.length === 0) return err('MissingParameter.EmptyPhoneNumberSet', 'The PhoneNumberSet parameter is empty.');
  if (phones.length > MAX_PHONE_NUMBERS) {
    return err('LimitExceeded.PhoneNumberCountLimit', `The number of phone numbers exceeds ${MAX_PHONE_NUMBERS}.`);
  }

  if (!ctx.account.sdkAppIds.includes(appId)) {
    return ctx.accounts.some((a) => a.sdkAppIds.includes(appId))
      ? err('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verification failed: it does not belong to the account of this SecretId.')
      : err('InvalidParameterValue.SdkAppIdNotExist', 'The SdkAppId does not exist.');
  }

  const numbers = [];
  for (const raw of phones) {
    const n = normalisePhone(raw);
    if (!n) return err('InvalidParameterValue.IncorrectPhoneNumber', `Incorrect phone number: ${raw}.`);
    numbers.push(n);
  }
  const mainland = numbers.map((n) => n.startsWith('+86'));
  if (mainland.includes(true) && mainland.includes(false)) {
    return err('UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber', 'The number set contains both Chinese mainland and international phone numbers.');
  }
  const domestic = mainland[0];

  const template = ctx.templates[templateId];
  if (!template) return err('FailedOperation.TemplateUnapprovedOrNotExist', 'The template is not approved or does not exist.');
  if (domestic && template.international === true) {
    return err('UnsupportedOperation.GlobalTemplateToChineseMainlandPhone', 'A Global SMS template cannot be sent to Chinese mainland numbers.');
  }
  if (!domestic && template.international === false) {
    return err('UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone', 'A Chinese mainland SMS template cannot be sent to international/Hong Kong/Macao/Taiwan numbers.');
  }

  const signName = body.SignName ?? '';
  // Mainland messages must carry an approved signature; international ones may omit it.
  if ((domestic || signName !== '') && !ctx.signNames.has(signName)) {
    return err('FailedOperation.SignatureIncorrectOrUnapproved', 'The signature is incorrect or not approved.');
  }

  const session = body.SessionContext ?? '';
  const statuses = [];
  const deliveries = [];
  for (const phone of numbers) {
    if (params.length !== template.placeholders) {
      statuses.push({
        SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: session,
        Code: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
        Message: 'request content does not match the template content', IsoCode: '',
      });
      continue;
    }
    const serialNo = `${randomInt(1000, 9999)}:${randomInt(1e9, 1e10 - 1)}${randomInt(1e9, 1e10 - 1)}`;
    statuses.push({ SerialNo: serialNo, PhoneNumber: phone, Fee: 1, SessionContext: session, Code: 'Ok', Message: 'send success', IsoCode: isoCode(phone) });
    deliveries.push({
      phone, templateId, signName: body.SignName, params: [...params], text: renderTemplate(template.text, params),
      sdkAppId: appId, secretId: ctx.secretId, region: ctx.region, serialNo, sessionContext: session,
    });
  }
  return { statuses, deliveries };
}

/** Per-number failure for every number (scripted `statusCode` fault). */
export function failedStatuses(body, code, message) {
  return body.PhoneNumberSet.map((raw) => ({
    SerialNo: '', PhoneNumber: normalisePhone(raw) ?? raw, Fee: 0, SessionContext: body.SessionContext ?? '',
    Code: code, Message: message ?? code, IsoCode: '',
  }));
}
