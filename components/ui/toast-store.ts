"use client";

import { create } from "zustand";

export type Toast = { id: number; message: string; tone: "info" | "error" };

type ToastState = {
  toasts: Toast[];
  show(message: string, tone?: Toast["tone"]): void;
  dismiss(id: number): void;
};

const VISIBLE_MS = 6000;
let nextId = 1;

/** Short messages that outlive a navigation (e.g. "Video deleted." after leaving the deleted video's page). */
export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (message, tone = "info") => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { id, message, tone }] }));
    window.setTimeout(() => get().dismiss(id), VISIBLE_MS);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const toast = (message: string, tone?: Toast["tone"]) => useToastStore.getState().show(message, tone);
