// The pieces the bench days' clocks are printed from, from epoch microseconds (UTC; Cloud Run
// containers run in UTC). Each day's clock.ts composes its stacks' formats out of these.
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const p2 = (n: number): string => String(n).padStart(2, '0');
export const p3 = (n: number): string => String(n).padStart(3, '0');
export const p6 = (n: number): string => String(n).padStart(6, '0');

export const at = (tUs: number): Date => new Date(Math.floor(tUs / 1000));
export const ymd = (d: Date, sep: string): string => `${d.getUTCFullYear()}${sep}${p2(d.getUTCMonth() + 1)}${sep}${p2(d.getUTCDate())}`;
export const hms = (d: Date): string => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
export const micros = (t: number): string => p6(t % 1_000_000);
