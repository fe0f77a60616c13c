import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from the compiled file's place (bench/work/build/bench/common/). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('bench: cannot find the repository root');
}

export const REPO_ROOT = findRoot();
export const PLINKD_MAIN = join(REPO_ROOT, 'dist', 'main.js');
export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
