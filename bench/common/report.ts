import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.js';

/**
 * Collects a bench's report as Markdown while echoing it to the terminal, and
 * writes it to bench/results/<date>-<name>.md at the end.
 */
export class Report {
  private readonly lines: string[] = [];

  constructor(private readonly name: string) {}

  line(text = ''): void {
    console.log(text);
    this.lines.push(text);
  }

  table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
    this.line(`| ${header.join(' | ')} |`);
    this.line(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of rows) this.line(`| ${row.join(' | ')} |`);
  }

  write(): string {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${new Date().toISOString().slice(0, 10)}-${this.name}.md`);
    writeFileSync(file, `${this.lines.join('\n')}\n`);
    console.log(`\nwritten to ${file}`);
    return file;
  }
}
