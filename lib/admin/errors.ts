import { DomainError } from "../errors/domain";

export type AdminRefusalCode = "no_such_user" | "no_such_job" | "over_balance" | "not_retryable" | "not_active" | "user_suspended" | "no_change";

/** An admin action refused, with a sentence the admin can act on. */
export class AdminRefusal extends DomainError<AdminRefusalCode> {}

export const noSuchUser = () => new AdminRefusal("no_such_user", "There is no such user.");
