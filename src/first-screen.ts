import type { GeneratedCredentials } from './control/generated-credentials.js';

export interface Listening {
  api: string;
  apiHttps: string | undefined;
  dns: string[];
}

/**
 * What `npm start` shows on the operator's terminal (stdout, never the log) when
 * it generated credentials: lines to paste into the next shell, where plinkd
 * listens, and the command to run next. Secrets appear only when just made;
 * with --data-dir later starts name the file that keeps them.
 */
export function firstScreen(generated: GeneratedCredentials, listening: Listening, version: string): string | undefined {
  const { newOperator, newToken, keptIn, reused } = generated;
  const lines: string[] = [];
  if (newOperator !== undefined || newToken !== undefined) {
    const made = [
      newOperator === undefined ? undefined : `operator account ${newOperator.uid} with its AccessKey`,
      newToken === undefined ? undefined : 'an API token for /v1/* and the console',
    ].filter((part) => part !== undefined);
    lines.push(`Created ${made.join(', and ')}${keptIn === undefined ? ' (shown once)' : ''}. Paste into the shell you work in:`, '');
    if (newOperator !== undefined)
      lines.push(`  export ALIBABA_CLOUD_ACCESS_KEY_ID=${newOperator.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${newOperator.secret}`);
    if (newToken !== undefined) lines.push(`  export PLINKD_API_TOKEN=${newToken}`);
    lines.push('');
    lines.push(
      keptIn === undefined
        ? '(PLINKD_ACCESS_KEYS and PLINKD_API_TOKENS choose your own; --data-dir keeps generated ones across restarts.)'
        : `Kept in ${keptIn} (mode 0600); later starts reuse them. Load them with:  . ${keptIn}`,
    );
  } else if (keptIn !== undefined && reused) {
    lines.push(`Operator key and API token generated on the first start: ${keptIn} (mode 0600). Load them with:  . ${keptIn}`);
  } else {
    return undefined;
  }
  const https = listening.apiHttps === undefined ? '' : `, https://${listening.apiHttps}`;
  const dns = [...new Set(listening.dns.map(dnsAddress))];
  lines.push(
    '',
    `plinkd ${version}: cloud API http://${listening.api}${https} · console http://${listening.api}/console · DNS ${dns.length === 0 ? '(not served)' : `${dns.join(', ')} (UDP+TCP)`}`,
    'Next, in that shell:',
    `  PLINKD_API=http://${listening.api}${dns[0] === undefined ? '' : ` PLINKD_DNS=${dns[0]}`} node examples/tour.mjs`,
  );
  return lines.join('\n');
}

/** `udp/127.0.0.1:5300` → `127.0.0.1:5300`. */
function dnsAddress(listed: string): string {
  return listed.replace(/^(udp|tcp)\//, '');
}
