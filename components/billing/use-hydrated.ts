"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False in the server render and until hydration: a purchase button is disabled until its click can do something. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
