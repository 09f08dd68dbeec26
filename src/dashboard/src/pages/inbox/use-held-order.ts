import { type FocusEvent, useRef, useState } from 'react';

/**
 * Keeps rows where they are while someone points at or tabs through the list:
 * live updates change rows in place, new ones join at the end and rows that
 * left the list stay until the pointer and focus have gone, so a click lands
 * on the row that was under the pointer. Once released, the list takes the
 * server's order again.
 */
export function useHeldOrder<T extends { id: string }>(items: T[]) {
  const [pointerIn, setPointerIn] = useState(false);
  const [focusIn, setFocusIn] = useState(false);
  const shown = useRef<T[]>(items);
  const held = pointerIn || focusIn;

  if (!held) {
    shown.current = items;
  } else if (shown.current !== items) {
    const byId = new Map(items.map((item) => [item.id, item]));
    const kept = shown.current.map((item) => byId.get(item.id) ?? item);
    const placed = new Set(kept.map((item) => item.id));
    shown.current = [...kept, ...items.filter((item) => !placed.has(item.id))];
  }

  return {
    items: shown.current,
    listProps: {
      onPointerEnter: () => setPointerIn(true),
      onPointerLeave: () => setPointerIn(false),
      // Keyboard focus only: a click focuses its row too, and must not hold the list after.
      onFocus: (event: FocusEvent<HTMLElement>) =>
        setFocusIn(event.target instanceof Element && event.target.matches(':focus-visible')),
      onBlur: (event: FocusEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocusIn(false);
      },
    },
  };
}
