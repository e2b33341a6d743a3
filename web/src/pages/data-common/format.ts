/** Times as the console shows them: UTC, to the minute, the same for every reader (auditors compare screenshots). */
export function formatTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `3 days ago`, `never`: for last sign-in, where the distance matters more than the minute. */
export function daysAgo(value: string | null | undefined, now: Date = new Date()): string {
  if (value === null || value === undefined) return 'never';
  const days = Math.floor((now.getTime() - new Date(value).getTime()) / 86_400_000);
  if (days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
