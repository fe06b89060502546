import type { ConnectorMetadata, CreateConnector, SmsConnector } from '@logto/connector-kit';
import type { ZodType } from 'zod';

export type TemplateEntry = {
  usageType: string;
  /** One TemplateId for every number, or separate mainland and international ones. */
  templateCode: string | { mainland?: string; international?: string };
  /** e.g. `en`, `zh-CN`: chosen when `payload.locale` matches (exact, then language). */
  locale?: string;
  /** TemplateParamSet, e.g. `['{{code}}', '5']`; default `['{{code}}']`. */
  params?: Array<string | number>;
  /** Default true: params must be 1-6 digits, as Tencent requires for verification templates. */
  verification?: boolean;
};

/** The config as stored in Logto; `validateConfig` returns it normalised. */
export type TencentSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  sdkAppId: string;
  region: string;
  templates: TemplateEntry[];
  /** `https://host[:port]` (plain `http://` only for loopback hosts); default https://sms.tencentcloudapi.com */
  endpoint?: string;
  /** 100 to 60000; default 10000. */
  timeoutMs?: number;
  /** Sign name for numbers outside mainland China; default `signName`. */
  internationalSignName?: string;
  /** Send no SignName to numbers outside mainland China. */
  omitInternationalSignName?: boolean;
  internationalRegion?: string;
  internationalEndpoint?: string;
  /** Digits always start with a country code (no bare mainland-mobile reading). */
  strictPhoneNumbers?: boolean;
  /** Country calling codes, as a list or comma-separated. */
  allowedCountryCodes?: string[] | string;
  deniedCountryCodes?: string[] | string;
};

export type ConfigIssue = { path: Array<string | number>; message: string };

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
    maxResponseBytes: number;
  };
  templateId: string;
  usageType: string;
  toMasked: string;
  destination: 'mainland' | 'international';
};

declare const createConnector: CreateConnector<SmsConnector>;
export default createConnector;

export declare const configGuard: ZodType<TencentSmsConfig, any, unknown>;
export declare const metadata: ConnectorMetadata;
export declare function validateConfig(
  config: unknown
): { ok: true; config: TencentSmsConfig } | { ok: false; issues: ConfigIssue[] };
/** Throws a TypeError when the options cannot be signed. */
export declare function signTc3(options: SignTc3Options): SignTc3Result;
/** Throws the same ConnectorError `sendMessage` would, before any request. */
export declare function prepareSend(config: unknown, data: unknown, now?: number): PreparedSend;
