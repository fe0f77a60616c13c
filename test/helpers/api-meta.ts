import { readFileSync, readdirSync } from 'node:fs';
import { SDK_ONLY_APIS } from './api-meta-sdk-only.js';

/**
 * The cloud's published API metadata, trimmed to names, types and codes (test/fixtures/api-meta/,
 * refreshed by scripts/api-meta-trim.mjs): what the SDKs send and deserialize, per action.
 */

export type SchemaType = 'string' | 'integer' | 'boolean' | 'array' | 'object';

export interface Schema {
  type: SchemaType;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}

export interface MetaParameter {
  name: string;
  in: string;
  style?: string;
  type: SchemaType;
  required?: true;
  items?: Schema;
}

export interface MetaApi {
  parameters: MetaParameter[];
  response: Schema;
  /** Documented codes per HTTP status; `%s` stands for any text (e.g. `MissingParam.%s`). */
  errorCodes: Record<string, string[]>;
}

export interface MetaDocument {
  product: string;
  version: string;
  apis: Record<string, MetaApi>;
}

const DIR = new URL('../fixtures/api-meta/', import.meta.url);

/** Every document, by API version (e.g. "2020-04-15"). */
export const API_META: ReadonlyMap<string, MetaDocument> = new Map(
  readdirSync(DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const document = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as MetaDocument;
      return [document.version, document] as const;
    }),
);

/** The action's metadata: the published one, else the SDK's model of an action the publication lacks (api-meta-sdk-only.ts). */
export function metaApi(version: string, action: string): MetaApi | undefined {
  return API_META.get(version)?.apis[action] ?? SDK_ONLY_APIS[version]?.[action];
}

/** Whether `code` is among the documented codes (any status); `%s` in a documented code matches any text. */
export function isDocumentedCode(api: MetaApi, code: string): boolean {
  return Object.values(api.errorCodes)
    .flat()
    .some((documented) =>
      documented.includes('%s') ? new RegExp(`^${documented.split('%s').map(escapeRegExp).join('.+')}$`).test(code) : documented === code,
    );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
