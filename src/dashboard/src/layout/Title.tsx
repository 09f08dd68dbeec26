import { type ReactNode, useEffect } from 'react';

/** Sets the document title, so browser tabs and history read as the page. */
export function Title({ text, children }: { text: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${text} · Buzzi`;
  }, [text]);
  return children;
}
