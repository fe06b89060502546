// The four read actions of SMS API 2021-01-11 that `check --live` and `send --wait-delivery`
// use, answered from an account's data the way Tencent does: fields and types as in Tencent's
// SDK models (tencentcloud-sdk-nodejs-sms 4.1.306, v20210111/sms_models.d.ts), parameter
// errors as request-level `Response.Error`. Free of HTTP, like sendsms.mjs.

export const READ_ACTIONS = ['DescribeSmsSignList', 'DescribeSmsTemplateList', 'SmsPackagesStatistics', 'PullSmsSendStatusByPhoneNumber'];

const PARAMS = {
  DescribeSmsSignList: ['International', 'SignIdSet', 'Limit', 'Offset'],
  DescribeSmsTemplateList: ['International', 'TemplateIdSet', 'Limit', 'Offset'],
  SmsPackagesStatistics: ['SmsSdkAppId', 'Limit', 'Offset', 'BeginTime', 'EndTime'],
  PullSmsSendStatusByPhoneNumber: ['BeginTime', 'Offset', 'Limit', 'PhoneNumber', 'SmsSdkAppId', 'EndTime'],
};
const REQUIRED = {
  DescribeSmsSignList: ['International'],
  DescribeSmsTemplateList: ['International'],
  SmsPackagesStatistics: ['SmsSdkAppId', 'Limit', 'Offset', 'BeginTime', 'EndTime'],
  PullSmsSendStatusByPhoneNumber: ['BeginTime', 'Offset', 'Limit', 'PhoneNumber', 'SmsSdkAppId'],
};
const RECEIPT_DAYS = 7;

const err = (code, message) => ({ error: { code, message } });
const isInt = (v) => Number.isInteger(v);
const isIdList = (v) => Array.isArray(v) && v.every((x) => isInt(x) && x >= 0);

/** `yyyymmddhh` in China Standard Time (UTC+8) → Unix seconds, or undefined. */
export function fromChinaHour(text) {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (!m) return undefined;
  const [y, mo, d, h] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h) - 8 * 3600_000;
  const back = new Date(ms + 8 * 3600_000);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 ? ms / 1000 : undefined;
}

function page(list, body, max) {
  const { Limit: limit = 10, Offset: offset = 0 } = body;
  if (!isInt(limit) || !isInt(offset) || limit < 0 || offset < 0) return err('InvalidParameter', 'Limit and Offset must be non-negative integers.');
  if (limit > max) return err('InvalidParameterValue', `Limit must be at most ${max}.`);
  return { items: list.slice(offset, offset + limit) };
}

function byIds(list, key, ids) {
  if (!isIdList(ids)) return err('InvalidParameter', `The parameter \`${key}\` must be an array of integers.`);
  if (ids.length > 100) return err('InvalidParameterValue', `${key} holds at most 100 IDs.`);
  return { items: list.filter((x) => ids.includes(x[key === 'SignIdSet' ? 'SignId' : 'TemplateId'])) };
}

function international(body) {
  const v = body.International;
  if (v !== 0 && v !== 1) return err('InvalidParameterValue', 'International must be 0 (mainland China) or 1 (international/HK/MO/TW).');
  return { value: v };
}

function ownedApp(appId, ctx) {
  if (typeof appId !== 'string') return err('InvalidParameter', 'The parameter `SmsSdkAppId` must be a string.');
  if (ctx.account.sdkAppIds.includes(appId)) return undefined;
  return ctx.accounts.some((a) => a.sdkAppIds.includes(appId))
    ? err('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verification failed: it does not belong to the account of this SecretId.')
    : err('InvalidParameterValue.SdkAppIdNotExist', 'The SdkAppId does not exist.');
}

const ACTIONS = {
  DescribeSmsSignList(body, { sms }) {
    const route = international(body);
    if (route.error) return route;
    const list = sms.signs.filter((s) => s.International === route.value);
    const got = body.SignIdSet?.length ? byIds(list, 'SignIdSet', body.SignIdSet) : page(list, body, 100);
    return got.error ? got : { DescribeSignListStatusSet: got.items };
  },
  DescribeSmsTemplateList(body, { sms }) {
    const route = international(body);
    if (route.error) return route;
    // A template for both (International 3) is listed on either route.
    const list = sms.templates.filter((t) => t.International === route.value || t.International === 3);
    const got = body.TemplateIdSet?.length ? byIds(list, 'TemplateIdSet', body.TemplateIdSet) : page(list, body, 100);
    return got.error ? got : { DescribeTemplateStatusSet: got.items };
  },
  SmsPackagesStatistics(body, ctx) {
    const owner = ownedApp(body.SmsSdkAppId, ctx);
    if (owner) return owner;
    const begin = fromChinaHour(body.BeginTime);
    const end = fromChinaHour(body.EndTime);
    if (begin === undefined || end === undefined) return err('InvalidParameterValue', 'BeginTime and EndTime must be yyyymmddhh.');
    if (end <= begin || end > ctx.now) return err('InvalidParameterValue', 'EndTime must be after BeginTime and before the current time.');
    const got = page(ctx.sms.packages.filter((p) => p.PackageCreateTime >= begin && p.PackageCreateTime < end + 3600), body, 500);
    return got.error ? got : { SmsPackagesStatisticsSet: got.items };
  },
  PullSmsSendStatusByPhoneNumber(body, ctx) {
    const owner = ownedApp(body.SmsSdkAppId, ctx);
    if (owner) return owner;
    const { BeginTime: begin, EndTime: end = ctx.now, PhoneNumber: phone } = body;
    if (!isInt(begin) || !isInt(end)) return err('InvalidParameter', 'BeginTime and EndTime must be Unix seconds.');
    if (begin < ctx.now - RECEIPT_DAYS * 86_400) return err('InvalidParameterValue', `BeginTime may be at most ${RECEIPT_DAYS} days ago.`);
    if (body.Offset !== 0) return err('InvalidParameterValue', 'Offset is fixed at 0.');
    if (!isInt(body.Limit) || body.Limit < 0 || body.Limit > 100) return err('InvalidParameterValue', 'Limit must be at most 100.');
    if (typeof phone !== 'string' || !/^\+[1-9]\d{6,14}$/.test(phone)) return err('InvalidParameterValue.IncorrectPhoneNumber', 'PhoneNumber must be E.164 with a leading +.');
    const set = ctx.receipts(phone, body.SmsSdkAppId).filter((r) => r.UserReceiveTime >= begin && r.UserReceiveTime <= end);
    return { PullSmsSendStatusSet: set.slice(0, body.Limit) };
  },
};

/**
 * Everything after the HTTP/TC3 layer for a read. `ctx` carries { account, accounts, sms (the
 * account's data: signs, templates, packages), now (Unix s), receipts(phone, appId) }.
 * Returns { error } or the fields of `Response` (without RequestId).
 */
export function evaluateRead(action, body, ctx) {
  for (const key of Object.keys(body)) {
    if (!PARAMS[action].includes(key)) return err('UnknownParameter', `The parameter \`${key}\` is not recognized.`);
  }
  for (const key of REQUIRED[action]) {
    if (!(key in body)) return err('MissingParameter', `The request is missing a required parameter \`${key}\`.`);
  }
  return ACTIONS[action](body, ctx);
}
