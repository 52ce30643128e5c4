/** The addresses the e2e server lists in ADMIN_EMAILS: one per admin journey, so parallel journeys never share an account. */
export const ADMIN_E2E_EMAILS = ["e2e-admin-grant@example.test", "e2e-admin-jobs@example.test"] as const;
