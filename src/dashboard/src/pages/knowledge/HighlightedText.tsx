import { Fragment } from 'react';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Full-text search skips these, so marking them would point at words that did not match.
const stopWords = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in is it me my of on or our so than that the their them there these they this to us was we were what when where which who why will with would you your'.split(
    ' ',
  ),
);

/** Words that start with one of the query's words, as full-text search stems them. */
export function queryPattern(query: string): RegExp | null {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].filter(
    (word) => !stopWords.has(word),
  );
  if (words.length === 0) return null;
  const alternatives = words
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])((?:${alternatives})[\\p{L}\\p{N}]*)`, 'giu');
}

/** The text with the query's words marked. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  const pattern = queryPattern(query);
  if (!pattern) return <>{text}</>;
  // With one capture group, split puts the matches at the odd indexes; offsets make stable keys.
  let offset = 0;
  const parts = text.split(pattern).map((part, index) => {
    const match = index % 2 === 1;
    // An empty text part can share its offset with the match that follows it.
    const key = `${offset}${match ? 'm' : 't'}`;
    offset += part.length;
    return { part, key, match };
  });
  return (
    <>
      {parts.map(({ part, key, match }) =>
        match ? (
          <mark
            key={key}
            className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-500/30"
          >
            {part}
          </mark>
        ) : (
          <Fragment key={key}>{part}</Fragment>
        ),
      )}
    </>
  );
}
