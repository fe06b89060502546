import type {
  ConnectorMetadata,
  CreateConnector,
  SendMessageData,
  SmsConnector,
  TemplateType,
} from '@logto/connector-kit';
import type { ZodType, ZodTypeDef } from 'zod';

/** One of Logto's template types (suggested by editors), or any other name. */
export type UsageType = `${TemplateType}` | (string & {});

/** One TemplateId for every number, or separate mainland and international ones. */
export type TemplateCode = string | { mainland?: string; international?: string };

/** A template entry as written in the config. */
export type TemplateEntryInput = {
  usageType: UsageType;
  templateCode: TemplateCode;
  /** e.g. `en`, `zh-CN`: chosen when `payload.locale` matches (exact, then language). */
  locale?: string;
  /** TemplateParamSet, e.g. `['{{code}}', '5']`; default `['{{code}}']`. */
  params?: Array<string | number>;
  /** Default true: params must be 1-6 digits, as Tencent requires for verification templates. */
  verification?: boolean;
};

/** A template entry after validation: params as text. */
export type TemplateEntry = Omit<TemplateEntryInput, 'params'> & { params?: string[] };

/**
 * The config as stored in Logto (what `configGuard` and `validateConfig` accept). Untouched
 * optional fields may be `""` or `null`, which count as absent.
 */
export type TencentSmsConfigInput = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  sdkAppId: string;
  region: string;
  templates: TemplateEntryInput[];
  /** `https://host[:port]` (plain `http://` only for loopback hosts); default https://sms.tencentcloudapi.com */
  endpoint?: string | null;
  /** How long a send may take in all, retries included: 100 to 60000; default 10000. */
  timeoutMs?: number | null;
  /** 0 to 3; default 1. Only after Tencent's API rate limit or a connection never made. */
  maxRetries?: number | null;
  /** Sign name for numbers outside mainland China; default `signName`. */
  internationalSignName?: string | null;
  /** Send no SignName to numbers outside mainland China. */
  omitInternationalSignName?: boolean | null;
  internationalRegion?: string | null;
  internationalEndpoint?: string | null;
  /** Digits always start with a country code (no bare mainland-mobile reading). */
  strictPhoneNumbers?: boolean | null;
  /** Country calling codes, as a list or comma-separated. */
  allowedCountryCodes?: Array<string | number> | string | null;
  deniedCountryCodes?: Array<string | number> | string | null;
};

/** The normalised config `configGuard` and `validateConfig` return: trimmed, defaults applied, absent fields left out. */
export type TencentSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  sdkAppId: string;
  region: string;
  templates: TemplateEntry[];
  endpoint?: string;
  timeoutMs: number;
  /** Left out when 1 (the default). */
  maxRetries?: number;
  internationalSignName?: string;
  omitInternationalSignName?: boolean;
  internationalRegion?: string;
  internationalEndpoint?: string;
  strictPhoneNumbers?: boolean;
  /** Digits only, e.g. `['86', '852']`. */
  allowedCountryCodes?: string[];
  deniedCountryCodes?: string[];
};

export type ConfigIssue = { path: Array<string | number>; message: string };

/** What `sendMessage` resolves to once Tencent has accepted the message. */
export type SendResult = {
  /** Tencent's RequestId: what Tencent support asks for. */
  requestId: string;
  /** Tencent's SendStatusSet (one entry, every `Code` was `Ok`), fields in camelCase. */
  sendStatusSet: Array<{ serialNo: string; fee: number; isoCode: string }>;
  /** The TemplateId sent. */
  templateId: string;
  /** The template entry used: `data.type`, or `Generic` when the type has none. */
  usageType: UsageType;
  /** The number, masked (e.g. `+86*******5678`): safe to log. */
  to: string;
  destination: 'mainland' | 'international';
  /** How many requests it took: 1, or more after retries. */
  attempts: number;
};

/** Logto's SmsConnector, with the result of `sendMessage` typed. */
export type TencentSmsConnector = Omit<SmsConnector, 'sendMessage'> & {
  sendMessage: (data: SendMessageData, config?: unknown) => Promise<SendResult>;
};

export type SignTc3Options = {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  /** Unix seconds. */
  timestamp: number;
  /** A string is signed as its UTF-8 bytes; a Uint8Array byte for byte. */
  payload: string | Uint8Array;
  /** Default `application/json; charset=utf-8`. */
  contentType?: string;
  /** Extra headers to sign, e.g. `{ 'X-TC-Action': 'DescribeInstances' }`. */
  signedHeaders?: Record<string, string>;
};

export type SignTc3Result = {
  authorization: string;
  signature: string;
  date: string;
  canonicalRequest: string;
  stringToSign: string;
};

export type PreparedSend = {
  request: {
    url: string;
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    timeoutMs: number;
  };
  templateId: string;
  usageType: UsageType;
  /** The number, masked: safe to log. */
  toMasked: string;
  destination: 'mainland' | 'international';
};

declare const createConnector: CreateConnector<TencentSmsConnector>;
export default createConnector;

export declare const configGuard: ZodType<TencentSmsConfig, ZodTypeDef, unknown>;
export declare const metadata: ConnectorMetadata;
export declare function validateConfig(
  config: unknown
): { ok: true; config: TencentSmsConfig } | { ok: false; issues: ConfigIssue[] };
/** What `connector-tencent-sms-wasm check` reports: errors would fail a send, warnings look wrong. Never throws. */
export declare function checkConfig(config: unknown): { errors: ConfigIssue[]; warnings: ConfigIssue[] };
/** Throws a TypeError when the options cannot be signed. */
export declare function signTc3(options: SignTc3Options): SignTc3Result;
/** Throws the same ConnectorError `sendMessage` would, before any request. */
export declare function prepareSend(
  config: TencentSmsConfigInput,
  data: SendMessageData,
  now?: number
): PreparedSend;
