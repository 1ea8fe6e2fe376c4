import { create } from 'zustand';

/** A short confirmation after a command (the record it changed may leave the list at once). */
interface NoticeState {
  text: string | null;
  seq: number;
  show: (text: string) => void;
  clear: () => void;
}

const SHOW_MS = 6000;
let timer = 0;

export const useNotice = create<NoticeState>()((set, get) => ({
  text: null,
  seq: 0,
  show: (text) => {
    clearTimeout(timer);
    set((s) => ({ text, seq: s.seq + 1 }));
    const seq = get().seq;
    timer = window.setTimeout(() => get().seq === seq && set({ text: null }), SHOW_MS);
  },
  clear: () => set({ text: null }),
}));
