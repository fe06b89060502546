// Tencent's own SMS client (tencentcloud-sdk-nodejs-sms) pointed at the local Tencent API: an
// http.Agent that dials 127.0.0.1:<port> whatever the URL's host, so the SDK signs and sends
// `Host: sms.tencentcloudapi.com` exactly as it would to Tencent. And the SDK's models, read
// from its sms_models.d.ts, to hold the stand-in's answers to Tencent's shapes.
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function sdkClient(api, { secretId, secretKey }, region = 'ap-guangzhou') {
  const { Client } = require('tencentcloud-sdk-nodejs-sms').sms.v20210111;
  const agent = new http.Agent();
  agent.createConnection = (_options, callback) => net.connect(api.port, '127.0.0.1', callback);
  return new Client({
    credential: { secretId, secretKey },
    region,
    profile: { httpProfile: { protocol: 'http://', endpoint: 'sms.tencentcloudapi.com', agent, reqTimeout: 10 } },
  });
}

/** `interface Name { Field?: type; … }` of the SDK models, as { Name: { Field: 'number' | 'string' | … } }. */
export function sdkModels() {
  const path = require.resolve('tencentcloud-sdk-nodejs-sms/tencentcloud/services/sms/v20210111/sms_models.d.ts');
  const text = readFileSync(path, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const models = {};
  for (const [, name, body] of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    models[name] = Object.fromEntries([...body.matchAll(/^\s*(\w+)\??: ([^;]+);/gm)].map(([, k, t]) => [k, t.trim()]));
  }
  return models;
}

/** Whether a JSON value has the model's type (`number`, `string`, `Array<X>`, `X`). */
export function conforms(value, type, models) {
  if (type === 'number') return typeof value === 'number';
  if (type === 'string') return typeof value === 'string';
  const list = /^Array<(\w+)>$/.exec(type);
  if (list) return Array.isArray(value) && value.every((v) => conforms(v, list[1], models));
  const model = models[type];
  if (!model || value === null || typeof value !== 'object') return false;
  return Object.entries(value).every(([k, v]) => k in model && conforms(v, model[k], models));
}
