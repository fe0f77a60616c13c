import { envNameOf, FLAGS, shownDefault } from './flags.js';

/** `plinkd serve --help`: every flag of the table, its env twin and default. */
export function serveHelp(): string {
  const rows = FLAGS.map((flag) => {
    const head = `--${flag.name}${flag.value === '' ? '' : ` ${flag.value}`}`;
    const fallback = shownDefault(flag);
    const tail = fallback === undefined ? '' : ` (default ${fallback})`;
    return `  ${head.padEnd(34)} ${flag.help}${tail}\n  ${''.padEnd(34)} env ${envNameOf(flag.name)}`;
  });
  return [
    'plinkd — PrivateLink control plane, authoritative/private DNS and RAM policy evaluator',
    '',
    'usage: plinkd serve [flags]      (every flag also reads PLINKD_<FLAG> from the environment; the flag wins)',
    '       plinkd serve --help | --version',
    '',
    ...rows,
    '',
    'Switches take no value (--query-log) or one joined to them (--query-log=false).',
    'Signals: SIGTERM/SIGINT stop cleanly, SIGHUP reloads --zones-dir.',
    '',
  ].join('\n');
}
