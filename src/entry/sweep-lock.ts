// One sweep at a time per instance, dry runs included. Terraform caps the function at one instance,
// so per instance means per deployment: a second request while a sweep runs is refused (409), never
// run side by side with the first.

export interface SweepLock {
  /** A release function when the lock was free; null when a sweep is running. */
  tryAcquire(): (() => void) | null;
  readonly busy: boolean;
}

export function createSweepLock(): SweepLock {
  let held = false;
  return {
    tryAcquire() {
      if (held) return null;
      held = true;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held = false;
      };
    },
    get busy() {
      return held;
    },
  };
}
