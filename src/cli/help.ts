import type { ParamSpec, ScalarSpec } from '../api/rpc/params.js';
import { actionsOf, PRODUCTS, type CliAction, type Product } from './catalogue.js';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_TIMEOUT_SECONDS } from './waiter-spec.js';

/** Help texts, generated from the action registry and each action's parameter declarations. */

const OPTIONS = `options (every action):
  --region <RegionId>          RegionId of actions that take one (ALIBABA_CLOUD_REGION_ID, default cn-hangzhou)
  --endpoint <url>             plinkd's API (PLINKD_ENDPOINT, default http://127.0.0.1:8080)
  --access-key-id <id>         AccessKey (ALIBABA_CLOUD_ACCESS_KEY_ID)
  --access-key-secret <secret> (ALIBABA_CLOUD_ACCESS_KEY_SECRET)
  --dry-run                    send DryRun=true: validate only, change nothing
  --waiter expr=<path> to=<value> [timeout=<s>] [interval=<s>]
                               repeat a Get/List/Describe call until <path> of the answer is <value>
                               (JMESPath fields, [n] and [*]; timeout ${DEFAULT_TIMEOUT_SECONDS} s, interval ${DEFAULT_INTERVAL_SECONDS} s)
  --cli-query <path>           print only what <path> selects from the answer, as JSON (--cli-query VpcId)
  --help                       this help
`;

export function rootHelp(): string {
  const products = PRODUCTS.map((p) => `  ${p.name.padEnd(12)} ${p.title}: ${actionsOf(p).length} actions`).join('\n');
  return `plinkd — PrivateLink control plane, authoritative/private DNS and RAM policy evaluator, and its CLI

usage:
  plinkd <product> <Action> [--Param value …] [options]   call an API action, as the aliyun CLI does
  plinkd <product> --help                                the product's actions
  plinkd <product> <Action> --help                       the action's parameters
  plinkd topology [--json] [--endpoint <url>]            services, endpoints, zones, names, private zones
                                                         (bearer token from PLINKD_API_TOKEN)
  plinkd completion bash|zsh                             shell completion script
  plinkd serve [flags]                                   run plinkd (plinkd serve --help lists the flags)

products:
${products}

${OPTIONS}
exit status: 0 done, 1 the API answered an error (or the waiter timed out), 2 usage error (nothing sent)
`;
}

export function productHelp(product: Product): string {
  const actions = actionsOf(product);
  const width = Math.max(...actions.map((a) => a.name.length)) + 2;
  const lines = actions.map((action) => {
    const required = Object.entries(action.params)
      .filter(([, spec]) => spec.required === true)
      .map(([name]) => name);
    return `  ${action.name.padEnd(width)} ${required.length === 0 ? '' : `required: ${required.join(', ')}`}`.trimEnd();
  });
  return `plinkd ${product.name} — ${product.title}

usage: plinkd ${product.name} <Action> [--Param value …] [options]

actions:
${lines.join('\n')}

plinkd ${product.name} <Action> --help lists an action's parameters.
`;
}

export function actionHelp(product: Product, action: CliAction): string {
  const rows = Object.entries(action.params).flatMap(([name, spec]) => paramRows(name, spec));
  const width = Math.max(20, ...rows.map(([flag]) => flag.length)) + 2;
  const docs =
    product.docsProduct === undefined ? '' : `\nhttps://api.aliyun.com/api/${product.docsProduct}/${product.version}/${action.name}\n`;
  const params = rows.length === 0 ? '  (none)' : rows.map(([flag, text]) => `  ${flag.padEnd(width)} ${text}`.trimEnd()).join('\n');
  return `plinkd ${product.name} ${action.name} — ${product.title}${action.operatorOnly === true ? ', operator keys only' : ''}
${docs}
parameters:
${params}

${OPTIONS}`;
}

/** One row per flag: the flag, and what the declaration says of its value. */
function paramRows(name: string, spec: ParamSpec): Array<[string, string]> {
  if (spec.type === 'list') {
    return [[`--${name}.N`, describe(spec.item, [spec.required === true ? 'required' : '', `N = 1…${spec.maxItems}`])]];
  }
  if (spec.type === 'objects') {
    return Object.entries(spec.fields).map(([field, fieldSpec]) => [
      `--${name}.N.${field}`,
      describe(fieldSpec, [
        fieldSpec.required === true ? 'required in each item' : '',
        spec.required === true ? `at least one ${name} item` : '',
        `N = 1…${spec.maxItems}`,
      ]),
    ]);
  }
  return [[`--${name}`, describe(spec, [spec.required === true ? 'required' : '', name === 'RegionId' ? 'default from --region' : ''])]];
}

/** Patterns longer than this are left to the server's error message. */
const SHOWN_PATTERN_LENGTH = 40;

function describe(spec: ScalarSpec, notes: string[]): string {
  const facts = [typeOf(spec), ...notes.filter((n) => n !== '')];
  if (spec.type === 'string') {
    if (spec.minLength !== undefined) facts.push(`${spec.minLength}–${spec.maxLength ?? '…'} characters`);
    else if (spec.maxLength !== undefined) facts.push(`≤ ${spec.maxLength} characters`);
    if (spec.pattern !== undefined && spec.pattern.source.length <= SHOWN_PATTERN_LENGTH) facts.push(`/${spec.pattern.source}/`);
  }
  return facts.join(', ');
}

function typeOf(spec: ScalarSpec): string {
  if (spec.type === 'integer') {
    if (spec.min === undefined && spec.max === undefined) return 'integer';
    return spec.min === spec.max ? `integer ${spec.min}` : `integer ${spec.min ?? '…'}–${spec.max ?? '…'}`;
  }
  if (spec.type === 'string' && spec.enum !== undefined) return spec.enum.join(' | ');
  return spec.type;
}
