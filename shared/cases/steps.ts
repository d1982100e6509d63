/** One recorded step of a case and the date helpers the checks on steps need. */
import { dayNumber, fromDayNumber } from './calendar.ts';
import type { CaseState } from './states.ts';

export interface CaseStep {
  state: CaseState;
  date: string;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n);
}
