/**
 * `npm test`: the whole suite in one go, as CI runs it. Lint and format (Biome), types (tsc), then
 * the unit, integration and browser vitest projects in one vitest run, and a closing line
 * `tests: N passed, N failed` that CI and people can read at a glance.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const reportPath = join('.tmp', 'vitest-report.json');

function run(command: string, args: readonly string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

function main(): number {
  for (const [command, args] of [
    ['npx', ['biome', 'ci', '.']],
    ['npx', ['tsc', '--noEmit']],
  ] as const) {
    const status = run(command, args);
    if (status !== 0) {
      process.stdout.write(`\n${command} ${args.join(' ')} failed (exit ${status})\n`);
      return status;
    }
  }
  mkdirSync('.tmp', { recursive: true });
  const status = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportPath}`,
  ]);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  };
  const skipped = report.numPendingTests > 0 ? `, ${report.numPendingTests} skipped` : '';
  process.stdout.write(
    `\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped}\n`,
  );
  return status !== 0 ? status : report.numPassedTests === 0 ? 1 : 0;
}

process.exitCode = main();
