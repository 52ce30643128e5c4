// What the browser knows of an element: the shape /api/elements answers with (lib/elements/elements.ts).

type Image = { id: string; url: string; width: number | null; height: number | null };

export type ElementView = {
  id: string;
  name: string;
  description: string;
  tag: string;
  frontalImage: Image | null;
  referenceImages: Image[];
};
