import { AccountChangeRefused } from "@/lib/auth/account";
import { HttpError } from "@/lib/http/handler";

/** Runs an account change, answering a refusal as a 403 (wrong password) or 422 on its field. */
export async function orRefused<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof AccountChangeRefused) throw new HttpError(error.field === "currentPassword" ? 403 : 422, error.message, { [error.field]: error.message });
    throw error;
  }
}
