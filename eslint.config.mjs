import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: ["lib/db/generated/**", ".next/**", "data/**", "playwright-report/**", "test-results/**", "next-env.d.ts"] },
];

export default config;
