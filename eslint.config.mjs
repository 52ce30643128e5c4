import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  // Leaving fields out of an object by destructuring its rest is how a row sheds its extra columns.
  { rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }] } },
  { ignores: ["lib/db/generated/**", ".next/**", "data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
];

export default config;
