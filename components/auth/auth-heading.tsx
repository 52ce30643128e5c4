/** The title and one line under it that open every sign-in, sign-up and mail-link page. */
export function AuthHeading({ title, description }: { title: string; description: React.ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 text-sm text-zinc-400">{description}</p>
    </div>
  );
}
