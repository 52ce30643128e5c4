import { z } from "zod";

// Runs in the browser before hydration. Pages forbid eval (CSP without 'unsafe-eval'): zod must not
// compile its parsers with `new Function`, whose probe alone is reported as a policy violation.
z.config({ jitless: true });
