import { isPlainObject } from '../authz/request-shape.js';
import { bearerGuard } from './bearer-guard.js';
import { jsonResponse, type HttpRequest, type HttpResponse, type HttpRoute } from './http-server.js';

export interface DnsLookupQuestion {
  name: string;
  type?: string;
  vpcId?: string;
  zoneId?: string;
}

/** The DNS side's answer with its explanation (dns/explain), or why the question is malformed. */
export type DnsLookup = (question: DnsLookupQuestion) => { ok: true; value: object } | { ok: false; message: string };

/** Four short fields: a few hundred bytes of JSON, with ample room for whitespace. */
const MAX_LOOKUP_BODY_BYTES = 16 * 1024;

const FIELDS: Readonly<Record<keyof DnsLookupQuestion, number>> = { name: 255, type: 8, vpcId: 64, zoneId: 64 };

/**
 * `POST /v1/dns:lookup` `{name, type?, vpcId?, zoneId?}`: what a VPC's resolvers get
 * for a name, answered by this process's own DNS data, with the view, the zone and
 * the reason (docs/console.md). Bearer token as every /v1 route. A process that serves
 * no DNS (`--role api`) answers 404 DnsNotServed.
 */
export function dnsLookupRoute(tokens: readonly string[], lookup: DnsLookup | undefined): HttpRoute {
  const refuse = bearerGuard(tokens);
  return {
    paths: ['/v1/dns::lookup'],
    maxBodyBytes: MAX_LOOKUP_BODY_BYTES,
    serve: (request: HttpRequest) => lookupOne(request),
  };

  function lookupOne(request: HttpRequest): HttpResponse {
    const refused = refuse(request);
    if (refused !== undefined) return refused;
    if (request.method !== 'POST') return jsonResponse(405, { code: 'MethodNotAllowed', message: `${request.path} accepts POST only` });
    if (lookup === undefined) {
      return jsonResponse(404, { code: 'DnsNotServed', message: 'this process serves no DNS (--role api); ask a dns or all process' });
    }
    const question = readQuestion(request.body);
    if ('status' in question) return question;
    const answer = lookup(question);
    return answer.ok ? jsonResponse(200, answer.value) : invalid(answer.message);
  }
}

function readQuestion(body: Buffer): DnsLookupQuestion | HttpResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return jsonResponse(400, { code: 'InvalidJson', message: 'request body is not valid JSON' });
  }
  if (!isPlainObject(parsed)) return invalid('request body: must be a JSON object');
  const given = new Map<string, string>();
  for (const [field, value] of Object.entries(parsed)) {
    const max = (FIELDS as Record<string, number | undefined>)[field];
    if (max === undefined) return invalid(`${field}: unknown field`);
    if (value === null || value === '') continue;
    if (typeof value !== 'string' || value.length > max) return invalid(`${field}: must be a string of at most ${max} characters`);
    given.set(field, value);
  }
  const name = given.get('name');
  if (name === undefined) return invalid('name: is required');
  return { name, type: given.get('type'), vpcId: given.get('vpcId'), zoneId: given.get('zoneId') };
}

function invalid(message: string): HttpResponse {
  return jsonResponse(400, { code: 'InvalidParameter', message });
}
