// The one door to the Rust side. Every command's errors arrive as { code, message } and are
// turned into a typed value here, so views never handle raw exceptions.
import { invoke } from "@tauri-apps/api/core";

export interface IpcError {
  code: string;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<IpcResult<T>> {
  try {
    return { ok: true, value: await invoke<T>(command, args) };
  } catch (raw) {
    return { ok: false, error: asIpcError(raw) };
  }
}

function asIpcError(raw: unknown): IpcError {
  if (typeof raw === "object" && raw !== null && "code" in raw && "message" in raw) {
    return { code: String(raw.code), message: String(raw.message) };
  }
  return { code: "internal", message: String(raw) };
}

/** One row of the drafts list (mirrors `DraftSummary` in src-tauri/commands.rs). */
export interface DraftSummary {
  id: string;
  title: string;
  status: string;
  updated_label: string;
}
