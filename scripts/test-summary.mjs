// Adds up Vitest JSON reports into the one closing line CI reads:
// "ci: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
process.stdout.write(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
