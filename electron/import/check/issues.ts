/** Collects refused rows and warnings with exact totals; the lists are capped so a broken city file cannot fill memory. */
import type { ImportIssue } from '../../../shared/api/import.ts';
import { LIMITS } from '../limits.ts';

export class IssueSink {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  error(i: ImportIssue): void {
    this.errorCount++;
    if (this.errors.length < LIMITS.maxReportedIssues) this.errors.push(i);
  }

  warn(i: ImportIssue): void {
    this.warningCount++;
    if (this.warnings.length < LIMITS.maxReportedIssues) this.warnings.push(i);
  }
}
