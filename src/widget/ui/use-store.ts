import { useEffect, useState } from 'preact/hooks';

/** Re-renders on every change of an external store (what React's useSyncExternalStore does). */
export function useStore<T>(subscribe: (listener: () => void) => () => void, read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    setValue(read);
    return subscribe(() => setValue(read));
  }, [subscribe, read]);
  return value;
}
