const KEY = 'buzzi:visitor';

/** An anonymous id kept in the visitor's browser, so the team sees repeat visits. */
export function visitorId(): string | undefined {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return stored;
    // getRandomValues, unlike randomUUID, also works on plain-http websites.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const id = `v_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem(KEY, id);
    return id;
  } catch {
    // Storage is off (privacy settings, sandboxed frames): an anonymous visit.
    return undefined;
  }
}
