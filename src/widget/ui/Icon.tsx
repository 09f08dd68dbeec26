/** A decorative 24×24 stroked icon; the control around it carries the name. */
export function Icon({ paths, size = 18 }: { paths: string; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant icon markup
      dangerouslySetInnerHTML={{ __html: paths }}
    />
  );
}
