import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { ThemeContext, type ThemePreference, themePreferences } from './theme-context';

// The same key is read by the inline script in index.html before the first paint.
const storageKey = 'buzzi-theme';
const darkQuery = '(prefers-color-scheme: dark)';

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(storageKey);
    return themePreferences.find((p) => p === saved) ?? 'system';
  } catch {
    return 'system';
  }
}

function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia(darkQuery).matches);
  useEffect(() => {
    const media = window.matchMedia(darkQuery);
    const onChange = () => setDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark;
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreference] = useState<ThemePreference>(readPreference);
  const systemDark = useSystemDark();
  const resolved = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;

  useEffect(() => {
    document.documentElement.classList.toggle('dark', resolved === 'dark');
  }, [resolved]);

  const value = useMemo(
    () => ({
      preference,
      resolved,
      setPreference: (next: ThemePreference) => {
        setPreference(next);
        try {
          localStorage.setItem(storageKey, next);
        } catch {
          // storage may be unavailable (private mode); the choice still applies to this tab
        }
      },
    }),
    [preference, resolved],
  );

  return <ThemeContext value={value}>{children}</ThemeContext>;
}
