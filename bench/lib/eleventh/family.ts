// A service's problem families, named as the labelling rule asks: `service:problem`, or
// `noise:service:what` for chatter below NOTICE.
import type { Ctx, Family, Level, Write } from '../stranger/model.js';

export type FamilyOf = (name: string, level: Level, perDay: readonly [number, number], emit: (ctx: Ctx) => Write[], burst?: number) => Family;

export function familyOf(service: string): FamilyOf {
  return (name, level, perDay, emit, burst) => ({
    name: level === 'INFO' || level === 'DEBUG' ? `noise:${service}:${name}` : `${service}:${name}`,
    level, perDay, emit, ...(burst === undefined ? {} : { burst }),
  });
}
