/** A reference table: a header row of column names, then the rows given as children. */
export function DocTable({ columns, children }: { columns: string[]; children: React.ReactNode }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-zinc-400">
        <tr>
          {columns.map((name, i) => (
            <th key={name} className={i < columns.length - 1 ? "py-2 pr-4 font-medium" : "py-2 font-medium"}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-800/70">{children}</tbody>
    </table>
  );
}
