import "server-only";
import WebSocket from "ws";

export type ProgressWatch = {
  /** The latest sampling fraction 0–1 reported for the prompt (never decreasing). */
  fraction(): number;
  close(): void;
};

const RECONNECT_MS = 1_000;

/**
 * Follows one prompt's progress on ComfyUI's websocket (/ws?clientId=): the only place it reports
 * steps. Only a hint: the HTTP queue and history stay the truth, so a dropped socket (e.g. the server
 * restarting) merely reconnects. `onSettled` fires when the server says the prompt ended.
 */
export function watchProgress(base: URL, clientId: string, promptId: string, onSettled: () => void): ProgressWatch {
  const url = new URL(`ws?clientId=${encodeURIComponent(clientId)}`, base);
  url.protocol = base.protocol === "https:" ? "wss:" : "ws:";
  let fraction = 0;
  let closed = false;
  let socket: WebSocket | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = () => {
    socket = new WebSocket(url);
    socket.on("message", (data, isBinary) => {
      if (isBinary) return; // preview images
      let message: { type?: string; data?: { prompt_id?: string; value?: number; max?: number; node?: string | null } };
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      const d = message.data;
      if (d?.prompt_id !== promptId) return;
      if (message.type === "progress" && typeof d.value === "number" && typeof d.max === "number" && d.max > 0) {
        fraction = Math.max(fraction, Math.min(1, d.value / d.max));
      } else if ((message.type === "executing" && d.node === null) || message.type === "execution_error" || message.type === "execution_interrupted" || message.type === "execution_success") {
        onSettled();
      }
    });
    socket.on("error", () => {}); // "close" follows, and reconnects
    socket.on("close", () => {
      if (!closed) retry = setTimeout(connect, RECONNECT_MS);
    });
  };
  connect();

  return {
    fraction: () => fraction,
    close() {
      closed = true;
      clearTimeout(retry);
      socket?.terminate();
    },
  };
}
