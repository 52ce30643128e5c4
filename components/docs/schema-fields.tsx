import { DocTable } from "./doc-table";

type JsonSchema = { type?: string; enum?: unknown[]; anyOf?: JsonSchema[]; description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; minimum?: number; maximum?: number; maxLength?: number; default?: unknown; required?: string[] };

/** A one-line type for a JSON Schema: `"std" | "pro"`, `number 0–1`, `object`. */
function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  // Ranges as wide as the safe integers say nothing a reader needs.
  const range = schema.minimum !== undefined && schema.maximum !== undefined && Math.abs(schema.maximum) < 1e12 ? ` ${schema.minimum}–${schema.maximum}` : "";
  const length = schema.maxLength !== undefined ? ` ≤ ${schema.maxLength} chars` : "";
  if (schema.type === "array" && schema.items) return `array of ${typeOf(schema.items)}`;
  return `${schema.type ?? "any"}${range}${length}`;
}

/** The fields of an object schema as a table, nested objects indented under their parent. */
export function SchemaFields({ schema, prefix = "" }: { schema: JsonSchema; prefix?: string }) {
  const rows: { name: string; schema: JsonSchema; required: boolean }[] = [];
  const walk = (s: JsonSchema, path: string) => {
    for (const [name, field] of Object.entries(s.properties ?? {})) {
      rows.push({ name: `${path}${name}`, schema: field, required: s.required?.includes(name) ?? false });
      if (field.properties) walk(field, `${path}${name}.`);
      if (field.items?.properties) walk(field.items, `${path}${name}[].`);
    }
  };
  walk(schema, prefix);
  return (
    <DocTable columns={["Field", "Type", "Notes"]}>
      {rows.map((row) => (
        <tr key={row.name} className="align-top">
          <td className="py-2 pr-4 font-mono text-zinc-100">
            {row.name}
            {row.required && <span className="ml-1 text-accent-400">*</span>}
          </td>
          <td className="py-2 pr-4 font-mono text-xs text-zinc-300">{typeOf(row.schema)}</td>
          <td className="py-2 text-zinc-400">{row.schema.description ?? ""}</td>
        </tr>
      ))}
    </DocTable>
  );
}
