import { useSession } from '../session.tsx';

/** Today's date where the organization is ("YYYY-MM-DD"): what the forms default to. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function useOrgToday(): string {
  return todayIn(useSession().organization.timeZone);
}
