import { DnsClient, summarize, type AnswerSummary } from '../common/dns-client.js';
import type { QueryLine } from './queries.js';

const TYPE = { A: 1, AAAA: 28 } as const;

export interface Verification {
  checked: number;
  mismatches: string[];
}

const show = (s: AnswerSummary | null): string =>
  s === null ? 'no answer' : `rcode ${s.rcode} aa ${s.authoritative} [${s.answer.join(', ')}] auth [${s.authority.join(', ')}]`;

/**
 * Same question, same answer: both servers must agree on RCODE, AA, the answer
 * records in order and the authority section's types and TTLs — otherwise the
 * comparison would not be of the same work.
 */
export async function verifySameAnswers(samples: readonly QueryLine[], plinkdPort: number, nsdPort: number): Promise<Verification> {
  const plinkd = new DnsClient('127.0.0.1', plinkdPort);
  const nsd = new DnsClient('127.0.0.1', nsdPort);
  const mismatches: string[] = [];
  try {
    for (const line of samples) {
      const [a, b] = await Promise.all([plinkd.query(line.name, TYPE[line.type], 2000), nsd.query(line.name, TYPE[line.type], 2000)]);
      const left = a === null ? null : summarize(a);
      const right = b === null ? null : summarize(b);
      if (JSON.stringify(left) !== JSON.stringify(right)) {
        mismatches.push(`${line.kind} ${line.name} ${line.type}: plinkd ${show(left)} / nsd ${show(right)}`);
      }
    }
  } finally {
    plinkd.close();
    nsd.close();
  }
  return { checked: samples.length, mismatches };
}
